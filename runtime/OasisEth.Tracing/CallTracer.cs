using System.Text.Json;
using OasisEth.Evm;
using OasisEth.Evm.Tracing;
using OasisEth.Primitives;

namespace OasisEth.Tracing;

/// <summary>
/// geth's <c>callTracer</c>: the tree of call frames of one transaction. Field rules (geth's): gas and gasUsed as hex
/// quantities; the top frame's gas is the transaction's gas limit and its gasUsed the receipt's; <c>value</c> left out
/// for STATICCALL (a DELEGATECALL carries the value it inherits, as geth 1.14+ reports it); <c>output</c> left out when empty, and for a failed frame kept only for a revert;
/// <c>revertReason</c> decoded from <c>Error(string)</c>/<c>Panic(uint256)</c>; a failed creation has no <c>to</c>;
/// SELFDESTRUCT is a frame of its own with the balance as value; with <c>withLog</c>, logs of frames that failed (or
/// whose caller failed) are dropped.
/// </summary>
public sealed class CallTracer : IJsonTracer
{
    private readonly CallTracerOptions _options;
    private readonly List<CallFrame> _open = [];
    private CallFrame? _root;
    private ulong? _gasLimit;
    private int _rootDepth;
    private long _bytes;

    /// <summary>What a frame costs beyond its byte arrays, in its JSON (addresses, quantities, type): an estimate that
    /// keeps the bound honest for trees of many small frames.</summary>
    private const int FrameOverhead = 256;

    private readonly CancellationToken _cancellation;

    /// <param name="cancellation">Checked at every frame start; when cancelled, throws <see cref="OperationCanceledException"/>
    /// out of the interpreter, leaving the transaction half-applied: run traces on a state you throw away.</param>
    public CallTracer(CallTracerOptions? options = null, CancellationToken cancellation = default)
    {
        _options = options ?? new CallTracerOptions();
        _cancellation = cancellation;
    }

    /// <summary>Index in the block of the transaction's first log (the "index" of its logs counts from here). Default 0.</summary>
    public int FirstLogIndex { get; set; }

    /// <summary>The result tree; null until the transaction's frame has started.</summary>
    public CallFrame? Root => _root;

    public TraceOptions Options => TraceOptions.Calls | (_options.WithLog ? TraceOptions.Logs : TraceOptions.None);

    public void OnTransactionStart(ulong gasLimit) => _gasLimit = gasLimit;

    public void OnEnter(in CallFrameEnter frame)
    {
        _cancellation.ThrowIfCancellationRequested();
        bool top = _root is null;
        if (!top && (_options.OnlyTopCall || _open.Count == 0)) return;
        var node = new CallFrame
        {
            Type = frame.Type,
            From = frame.From,
            To = frame.To,
            Value = frame.Value,
            Gas = top && _gasLimit is { } limit ? limit : (ulong)frame.Gas,
            Input = frame.Input.ToArray(),
        };
        Account(FrameOverhead + 2L * node.Input.Length);
        if (top)
        {
            _root = node;
            _rootDepth = frame.Depth;
        }
        _open.Add(node);
    }

    public void OnExit(in CallFrameExit frame)
    {
        if (_open.Count == 0 || (_options.OnlyTopCall && frame.Depth != _rootDepth)) return;
        CallFrame node = _open[^1];
        _open.RemoveAt(_open.Count - 1);
        node.GasUsed = (ulong)frame.GasUsed; // for the top frame, replaced by the receipt's figure at the transaction's end
        SetOutput(node, frame.Output, frame.Error);
        Account(2L * (node.Output?.Length ?? 0));
        if (_open.Count > 0) (_open[^1].Calls ??= []).Add(node);
    }

    public void OnLog(LogEntry log, int index, int depth)
    {
        if (!_options.WithLog || _open.Count == 0) return;
        if (_options.OnlyTopCall && depth > 0) return;
        CallFrame current = _open[^1];
        (current.Logs ??= []).Add(new CallLog(log.Address, log.Topics, log.Data, FirstLogIndex + index, current.Calls?.Count ?? 0));
        Account(FrameOverhead + 2L * log.Data.Length + 70L * log.Topics.Length);
    }

    /// <summary>Counts the result's size (hex doubles the bytes) against the bound.</summary>
    private void Account(long bytes)
    {
        _bytes += bytes;
        if (_options.MaxResultBytes > 0 && _bytes > _options.MaxResultBytes) throw new TraceTooLargeException(_options.MaxResultBytes);
    }

    public void OnTransactionEnd(ReadOnlySpan<byte> output, long gasUsed, string? error)
    {
        if (_root is null) return;
        _root.GasUsed = (ulong)gasUsed;
        if (_options.WithLog) DropFailedLogs(_root, parentFailed: false);
    }

    public void OnStep(int pc, byte opcode, long gas, long gasCost, long memorySize, ReadOnlySpan<OasisEth.Primitives.UInt256> stack, int depth, long refund) { }

    public void OnError(string error) { }

    /// <summary>geth's rule: a success keeps its output; an error drops it unless it is a revert with data, whose reason is decoded.</summary>
    private static void SetOutput(CallFrame node, ReadOnlySpan<byte> output, string? error)
    {
        if (error is null)
        {
            node.Output = output.ToArray();
            return;
        }
        node.Error = error;
        if (node.Type.IsCreate()) node.To = null;
        if (error != ExitCode.Revert.ErrorText() || output.IsEmpty) return;
        node.Output = output.ToArray();
        if (RevertReason.TryDecode(output, out string reason)) node.RevertReason = reason;
    }

    private static void DropFailedLogs(CallFrame frame, bool parentFailed)
    {
        bool failed = frame.Failed || parentFailed;
        if (failed) frame.Logs = null;
        if (frame.Calls is null) return;
        foreach (var call in frame.Calls) DropFailedLogs(call, failed);
    }

    public void WriteResult(Utf8JsonWriter writer)
    {
        if (_root is null) writer.WriteNullValue();
        else WriteFrame(writer, _root);
    }

    /// <summary>Fields in geth's order.</summary>
    private static void WriteFrame(Utf8JsonWriter writer, CallFrame frame)
    {
        writer.WriteStartObject();
        writer.WriteString("from"u8, frame.From.ToString());
        TraceJson.WriteQuantity(writer, "gas"u8, frame.Gas);
        TraceJson.WriteQuantity(writer, "gasUsed"u8, frame.GasUsed);
        if (frame.To is { } to) writer.WriteString("to"u8, to.ToString());
        TraceJson.WriteBytes(writer, "input"u8, frame.Input);
        if (frame.Output is { Length: > 0 } output) TraceJson.WriteBytes(writer, "output"u8, output);
        if (!string.IsNullOrEmpty(frame.Error)) writer.WriteString("error"u8, frame.Error);
        if (!string.IsNullOrEmpty(frame.RevertReason)) writer.WriteString("revertReason"u8, frame.RevertReason);
        if (frame.Calls is { Count: > 0 } calls)
        {
            writer.WriteStartArray("calls"u8);
            foreach (var call in calls) WriteFrame(writer, call);
            writer.WriteEndArray();
        }
        if (frame.Logs is { Count: > 0 } logs)
        {
            writer.WriteStartArray("logs"u8);
            foreach (var log in logs) WriteLog(writer, log);
            writer.WriteEndArray();
        }
        if (frame.HasValue) TraceJson.WriteQuantity(writer, "value"u8, frame.Value);
        writer.WriteString("type"u8, frame.Type.Name());
        writer.WriteEndObject();
    }

    private static void WriteLog(Utf8JsonWriter writer, CallLog log)
    {
        writer.WriteStartObject();
        writer.WriteString("address"u8, log.Address.ToString());
        writer.WriteStartArray("topics"u8);
        foreach (var topic in log.Topics) TraceJson.WriteWordValue(writer, topic.Bytes);
        writer.WriteEndArray();
        TraceJson.WriteBytes(writer, "data"u8, log.Data);
        TraceJson.WriteQuantity(writer, "index"u8, (ulong)log.Index);
        TraceJson.WriteQuantity(writer, "position"u8, (ulong)log.Position);
        writer.WriteEndObject();
    }
}
