using OasisEth.Evm;
using OasisEth.Evm.Tracing;
using OasisEth.Primitives;

namespace OasisEth.Tracing;

/// <summary>
/// Records a transaction's call tree with the interpreter's figures, for the formats built from one (Parity's
/// <c>trace_*</c>, Otterscan's <c>ots_*</c>). Calls only: no per-step work.
/// </summary>
public sealed class FrameRecorder(CancellationToken cancellation = default, long maxResultBytes = 0) : ITxTracer
{
    private readonly List<RecordedFrame> _open = [];
    private long _bytes;
    private const int FrameOverhead = 256;

    public TraceOptions Options => TraceOptions.Calls;

    /// <summary>The transaction's frame with its sub-frames; null until it started.</summary>
    public RecordedFrame? Root { get; private set; }

    public ulong GasLimit { get; private set; }

    /// <summary>The receipt's gas used (refund taken off), once the transaction ended.</summary>
    public long ReceiptGasUsed { get; private set; }

    public void OnTransactionStart(ulong gasLimit) => GasLimit = gasLimit;

    public void OnEnter(in CallFrameEnter frame)
    {
        cancellation.ThrowIfCancellationRequested();
        var node = new RecordedFrame
        {
            Type = frame.Type, Depth = frame.Depth, From = frame.From, To = frame.To, Value = frame.Value, Gas = frame.Gas,
            Input = frame.Input.ToArray(),
        };
        Account(FrameOverhead + 2L * node.Input.Length);
        if (_open.Count == 0)
        {
            if (Root is not null) return; // a second top frame cannot happen; ignore rather than corrupt the tree
            Root = node;
        }
        else _open[^1].Calls.Add(node);
        _open.Add(node);
    }

    public void OnExit(in CallFrameExit frame)
    {
        if (_open.Count == 0) return;
        RecordedFrame node = _open[^1];
        _open.RemoveAt(_open.Count - 1);
        node.GasUsed = frame.GasUsed;
        node.Output = frame.Output.ToArray();
        node.Exit = frame.Exit;
        node.Error = frame.Error;
        Account(2L * node.Output.Length);
    }

    private void Account(long bytes)
    {
        _bytes += bytes;
        if (maxResultBytes > 0 && _bytes > maxResultBytes) throw new TraceTooLargeException(maxResultBytes);
    }

    public void OnTransactionEnd(ReadOnlySpan<byte> output, long gasUsed, string? error) => ReceiptGasUsed = gasUsed;

    public void OnStep(int pc, Opcode opcode, long gas, long gasCost, long memorySize, ReadOnlySpan<UInt256> stack, int depth, long refund) { }

    public void OnError(string error) { }

    /// <summary>Every frame, parent before children, in execution order.</summary>
    public IEnumerable<RecordedFrame> Frames()
    {
        if (Root is null) yield break;
        var stack = new Stack<RecordedFrame>();
        stack.Push(Root);
        while (stack.Count > 0)
        {
            RecordedFrame f = stack.Pop();
            yield return f;
            for (int i = f.Calls.Count - 1; i >= 0; i--) stack.Push(f.Calls[i]);
        }
    }
}
