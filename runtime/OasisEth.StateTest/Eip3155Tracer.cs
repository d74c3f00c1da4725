using System.Buffers;
using System.Text;
using System.Text.Json;
using OasisEth.Evm;
using OasisEth.Evm.Tracing;
using OasisEth.Primitives;

namespace OasisEth.StateTest;

/// <summary>
/// Writes an EIP-3155 trace, one JSON object per line: a line per instruction
/// (<c>{"pc":0,"op":96,"gas":"0x5f5e100","gasCost":"0x3","memSize":0,"stack":[],"depth":1,"refund":0,"opName":"PUSH1"}</c>)
/// and a closing summary (<c>{"output":"","gasUsed":"0x..","error":"..."}</c>), the shape geth's <c>evm --json</c> prints,
/// so traces of the two can be diffed line by line.
/// </summary>
/// <remarks>A step line is held open until the next event, because the interpreter reports an instruction's failure
/// (<see cref="OnError"/>) after the step itself, and EIP-3155 puts that error on the step's own line.</remarks>
public sealed class Eip3155Tracer : ITxTracer
{
    private readonly TextWriter _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _json;
    private bool _stepOpen;

    public Eip3155Tracer(TextWriter output)
    {
        _output = output;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    public void OnStep(int pc, Opcode opcode, long gas, long gasCost, long memorySize, ReadOnlySpan<UInt256> stack, int depth, long refund)
    {
        FlushStep();
        _json.WriteStartObject();
        _json.WriteNumber("pc"u8, pc);
        _json.WriteNumber("op"u8, (byte)opcode);
        _json.WriteString("gas"u8, Quantity(gas));
        _json.WriteString("gasCost"u8, Quantity(gasCost));
        _json.WriteNumber("memSize"u8, memorySize);
        _json.WriteStartArray("stack"u8);
        for (int i = 0; i < stack.Length; i++) _json.WriteStringValue(Quantity(stack[i]));
        _json.WriteEndArray();
        _json.WriteNumber("depth"u8, depth);
        _json.WriteNumber("refund"u8, refund);
        _json.WriteString("opName"u8, OpcodeMnemonics.Get(opcode));
        _stepOpen = true;
    }

    public void OnError(string error)
    {
        if (_stepOpen) _json.WriteString("error"u8, error);
        FlushStep();
    }

    public void OnTransactionEnd(ReadOnlySpan<byte> output, long gasUsed, string? error)
    {
        FlushStep();
        _json.WriteStartObject();
        _json.WriteString("output"u8, Hex.Encode(output));
        _json.WriteString("gasUsed"u8, Quantity(gasUsed));
        if (error is not null) _json.WriteString("error"u8, error);
        _json.WriteEndObject();
        WriteLine();
    }

    /// <summary>Closes a step line left open, if any (also used by the runner when a case ends abnormally).</summary>
    public void Flush()
    {
        FlushStep();
        _output.Flush();
    }

    private void FlushStep()
    {
        if (!_stepOpen) return;
        _stepOpen = false;
        _json.WriteEndObject();
        WriteLine();
    }

    private void WriteLine()
    {
        _json.Flush();
        _output.WriteLine(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        _buffer.ResetWrittenCount();
        _json.Reset();
    }

    private static string Quantity(long value) => "0x" + ((ulong)value).ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A word as a JSON-RPC quantity: minimal hex, "0x0" for zero.</summary>
    public static string Quantity(in UInt256 value)
    {
        if (value.u3 != 0) return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"0x{value.u3:x}{value.u2:x16}{value.u1:x16}{value.u0:x16}");
        if (value.u2 != 0) return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"0x{value.u2:x}{value.u1:x16}{value.u0:x16}");
        if (value.u1 != 0) return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"0x{value.u1:x}{value.u0:x16}");
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"0x{value.u0:x}");
    }
}
