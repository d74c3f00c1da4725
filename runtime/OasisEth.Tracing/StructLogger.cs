using System.Buffers;
using System.Text.Json;
using OasisEth.Evm;
using OasisEth.Evm.Tracing;
using OasisEth.Primitives;

namespace OasisEth.Tracing;

/// <summary>
/// geth's default tracer (the "struct logger"): one record per executed instruction, the state it saw before it ran.
/// Result <c>{gas, failed, returnValue, structLogs:[{pc, op, gas, gasCost, depth, error?, stack?, returnData?,
/// memory?, storage?, refund?}]}</c> in the encoding of geth and the execution-apis spec: gas figures as JSON
/// numbers, op names as geth prints them, stack items as minimal hex quantities (bottom first), memory as "0x"
/// 32-byte words, storage as the slots of the current contract touched so far by SLOAD/SSTORE (on those steps
/// only), refund (the transaction's counter) left out when zero.
/// </summary>
/// <remarks>
/// Records are serialised as they complete, so a long trace costs its JSON, not an object per step. A step is
/// complete when the next event arrives, because its cost and its error are reported after it.
/// </remarks>
public sealed class StructLogger : IJsonTracer
{
    private readonly StructLoggerOptions _options;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _logs;
    private int _count;
    private bool _closed;

    // Per contract, the slots SLOAD/SSTORE touched and the values seen; written in slot order (geth's JSON sorts map keys).
    private readonly Dictionary<Address, SortedDictionary<UInt256, UInt256>> _storage = [];

    private enum Pending { None, Detail, Full, SkippedDetail }
    private Pending _pending;
    private int _pc, _depth;
    private byte _op;
    private long _gas, _cost, _refund;
    private UInt256[] _stack = new UInt256[EvmFrameState.MaxStack];
    private int _stackCount;
    private byte[] _memory = [];
    private int _memoryLength;
    private byte[] _returnData = [];
    private int _returnDataLength;
    private SortedDictionary<UInt256, UInt256>? _stepStorage;
    private string? _error;

    private byte[] _output = [];
    private int _topDepth = -1;
    private bool _topOutputSeen;
    private long _gasUsed;
    private string? _txError;

    private readonly CancellationToken _cancellation;
    private int _stepsSinceCheck;

    /// <param name="cancellation">Checked every 1,024 steps; when cancelled, the next check throws
    /// <see cref="OperationCanceledException"/> out of the interpreter, leaving the transaction half-applied: run traces
    /// on a state you throw away.</param>
    public StructLogger(StructLoggerOptions? options = null, CancellationToken cancellation = default)
    {
        _options = options ?? new StructLoggerOptions();
        _cancellation = cancellation;
        _logs = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
        _logs.WriteStartArray();
    }

    public TraceOptions Options =>
        TraceOptions.Steps
        | (_options.EnableMemory ? TraceOptions.Memory : TraceOptions.None)
        | (_options.EnableReturnData ? TraceOptions.ReturnData : TraceOptions.None)
        | (_options.DisableStorage ? TraceOptions.None : TraceOptions.Storage)
        | TraceOptions.Calls; // for the top frame's output: a creation's is its deployed code, which the receipt path drops

    /// <summary>Records kept so far.</summary>
    public int Count => _count + (_pending == Pending.Full ? 1 : 0);

    private bool LimitReached => _options.Limit > 0 && _count >= _options.Limit;

    public void OnStepDetail(in StepDetail detail)
    {
        WritePending();
        if (LimitReached)
        {
            _pending = Pending.SkippedDetail;
            return;
        }
        _pending = Pending.Detail;
        _memoryLength = Copy(detail.Memory, ref _memory);
        _returnDataLength = Copy(detail.ReturnData, ref _returnData);
        _stepStorage = null;
        if (detail.HasStorage)
        {
            if (!_storage.TryGetValue(detail.Contract, out var slots)) _storage[detail.Contract] = slots = [];
            slots[detail.StorageKey] = detail.StorageValue;
            _stepStorage = slots;
        }
    }

    public void OnStep(int pc, byte opcode, long gas, long gasCost, long memorySize, ReadOnlySpan<UInt256> stack, int depth, long refund)
    {
        if (++_stepsSinceCheck == 1024)
        {
            _stepsSinceCheck = 0;
            _cancellation.ThrowIfCancellationRequested();
        }
        if (_pending == Pending.SkippedDetail)
        {
            _pending = Pending.None;
            return;
        }
        if (_pending != Pending.Detail)
        {
            WritePending();
            if (LimitReached) return;
            _memoryLength = 0;
            _returnDataLength = 0;
            _stepStorage = null;
        }
        _pending = Pending.Full;
        _pc = pc;
        _op = opcode;
        _gas = gas;
        _cost = gasCost;
        _depth = depth;
        _refund = refund;
        _error = null;
        _stackCount = 0;
        if (!_options.DisableStack)
        {
            stack.CopyTo(_stack);
            _stackCount = stack.Length;
        }
    }

    public void OnError(string error) => OnStepFault(ExitCode.Running, error);

    /// <summary>
    /// geth puts the error on the record only when the instruction failed before it ran (stack bounds, gas, write
    /// protection and the other checks it makes with the gas); invalid opcodes, bad jumps and return-data bounds
    /// fail while running, after geth has logged the step, so their records carry no error.
    /// </summary>
    public void OnStepFault(ExitCode exit, string error)
    {
        if (_pending != Pending.Full) return;
        if (exit is not (ExitCode.InvalidInstruction or ExitCode.BadJumpDestination or ExitCode.ReturnDataOutOfBounds)) _error = error;
        WritePending();
    }

    public void OnEnter(in CallFrameEnter frame)
    {
        if (_topDepth < 0) _topDepth = frame.Depth;
    }

    public void OnExit(in CallFrameExit frame)
    {
        if (frame.Depth != _topDepth) return;
        _output = frame.Output.ToArray();
        _topOutputSeen = true;
    }

    public void OnTransactionEnd(ReadOnlySpan<byte> output, long gasUsed, string? error)
    {
        WritePending();
        if (!_topOutputSeen) _output = output.ToArray();
        _gasUsed = gasUsed;
        _txError = error;
    }

    public void WriteResult(Utf8JsonWriter writer)
    {
        if (!_closed)
        {
            WritePending();
            _logs.WriteEndArray();
            _logs.Flush();
            _closed = true;
        }
        bool failed = _txError is not null;
        bool reverted = _txError == ExitCode.Revert.ErrorText();
        writer.WriteStartObject();
        writer.WriteNumber("gas"u8, _gasUsed);
        writer.WriteBoolean("failed"u8, failed);
        // The output of a success, the revert data of a revert, nothing for other failures.
        TraceJson.WriteBytes(writer, "returnValue"u8, failed && !reverted ? [] : _output);
        writer.WritePropertyName("structLogs"u8);
        writer.WriteRawValue(_buffer.WrittenSpan, skipInputValidation: true);
        writer.WriteEndObject();
    }

    private void WritePending()
    {
        if (_pending != Pending.Full)
        {
            if (_pending == Pending.Detail) _pending = Pending.None; // a detail without its step cannot happen; drop it
            return;
        }
        _pending = Pending.None;
        if (_closed) return;
        _count++;
        var w = _logs;
        w.WriteStartObject();
        w.WriteNumber("pc"u8, _pc);
        w.WriteString("op"u8, OpcodeMnemonics.Get(_op));
        w.WriteNumber("gas"u8, _gas);
        w.WriteNumber("gasCost"u8, _cost);
        w.WriteNumber("depth"u8, _depth);
        if (!string.IsNullOrEmpty(_error)) w.WriteString("error"u8, _error);
        if (!_options.DisableStack)
        {
            w.WriteStartArray("stack"u8);
            for (int i = 0; i < _stackCount; i++) w.WriteStringValue(_stack[i].ToHexString());
            w.WriteEndArray();
        }
        if (_returnDataLength > 0) TraceJson.WriteBytes(w, "returnData"u8, _returnData.AsSpan(0, _returnDataLength));
        if (_memoryLength > 0)
        {
            w.WriteStartArray("memory"u8);
            // Memory grows in words, so its length is a multiple of 32.
            for (int i = 0; i + 32 <= _memoryLength; i += 32) TraceJson.WriteWordValue(w, _memory.AsSpan(i, 32));
            w.WriteEndArray();
        }
        if (_stepStorage is { Count: > 0 } storage)
        {
            w.WriteStartObject("storage"u8);
            foreach (var (key, value) in storage) TraceJson.WriteWord(w, key, value);
            w.WriteEndObject();
        }
        if (_refund != 0) w.WriteNumber("refund"u8, _refund);
        w.WriteEndObject();
        // The records so far are the result's bulk: bounded here, while they are written, not after.
        if (_options.MaxResultBytes > 0 && w.BytesCommitted + w.BytesPending > _options.MaxResultBytes)
            throw new TraceTooLargeException(_options.MaxResultBytes);
    }

    private static int Copy(ReadOnlySpan<byte> source, ref byte[] buffer)
    {
        if (source.Length > buffer.Length) buffer = new byte[Math.Max(source.Length, buffer.Length * 2)];
        source.CopyTo(buffer);
        return source.Length;
    }
}
