using System.Text;
using System.Text.Json;
using OasisEth.Primitives;
using static OasisEth.Tests.Shared.EvmTestHost;
using static OasisEth.Tracing.Tests.TraceHost;

namespace OasisEth.Tracing.Tests;

/// <summary>
/// OpenEthereum's flat traces from the frame recorder: order, trace addresses and subtrace counts, gas (top frame:
/// after intrinsic gas, receipt figure), the revert/failure rules for result and error, creations and SELFDESTRUCT.
/// The callTracer of the same run is the oracle for the sub-frames' gas.
/// </summary>
public class ParityTracesTests
{
    private static (JsonElement[] Entries, FrameRecorder Recorder, long ReceiptGas) Trace(TraceHost host, Address? to, byte[]? data = null, ulong gas = 200_000, ulong value = 0)
    {
        var recorder = new FrameRecorder();
        var result = host.Run(recorder, to, data, gas, value);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            ParityTraces.WriteEntries(writer, recorder, new TraceLocation(Hash256.Zero, 7, Hash256.Zero, 3));
            writer.WriteEndArray();
        }
        var doc = JsonDocument.Parse(Encoding.UTF8.GetString(stream.ToArray()));
        return (doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray(), recorder, (long)result.GasUsed);
    }

    private static ulong Q(JsonElement e) => Convert.ToUInt64(e.GetString()![2..], 16);

    [Test]
    public void Nested_calls_are_flattened_parent_first_with_trace_addresses_and_subtrace_counts()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Call(Opcode.CALL, 30_000, B).Op(Opcode.POP).Call(Opcode.STATICCALL, 5_000, C).Op(Opcode.POP).Op(Opcode.STOP).Build());
        host.Deploy(B, new Bytecode().Call(Opcode.CALL, 5_000, C).Op(Opcode.POP).Op(Opcode.STOP).Build());
        host.Deploy(C, [0x00]);
        var (entries, recorder, receiptGas) = Trace(host, A, [0x01, 0x02]);
        Assert.That(entries.Select(e => string.Join(",", e.GetProperty("traceAddress").EnumerateArray().Select(i => i.GetInt32()))),
            Is.EqualTo(new[] { "", "0", "0,0", "1" }));
        Assert.That(entries.Select(e => e.GetProperty("subtraces").GetInt32()), Is.EqualTo(new[] { 2, 1, 0, 0 }));
        Assert.That(entries[3].GetProperty("action").GetProperty("callType").GetString(), Is.EqualTo("staticcall"));
        Assert.That(entries[3].GetProperty("action").GetProperty("value").GetString(), Is.EqualTo("0x0"));
        Assert.That(entries.All(e => e.GetProperty("blockNumber").GetInt32() == 7 && e.GetProperty("transactionPosition").GetInt32() == 3), Is.True);
        // Top frame: gas = limit - intrinsic (21,000 + 2 x 16), gasUsed = the receipt's minus intrinsic.
        JsonElement top = entries[0];
        Assert.That(Q(top.GetProperty("action").GetProperty("gas")), Is.EqualTo(200_000UL - 21_032));
        Assert.That(Q(top.GetProperty("result").GetProperty("gasUsed")), Is.EqualTo((ulong)(receiptGas - 21_032)));
        // Sub-frames: the gas given and used, as the callTracer has them.
        Assert.That(Q(entries[1].GetProperty("action").GetProperty("gas")), Is.EqualTo(30_000UL));
        Assert.That(Q(entries[1].GetProperty("result").GetProperty("gasUsed")), Is.EqualTo((ulong)recorder.Root!.Calls[0].GasUsed));
        Assert.That(entries.All(e => e.GetProperty("type").GetString() == "call"), Is.True);
    }

    [Test]
    public void A_revert_keeps_its_result_beside_the_error_and_any_other_failure_has_a_null_result()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Call(Opcode.CALL, 10_000, B).Op(Opcode.POP).Call(Opcode.CALL, 10_000, C).Op(Opcode.POP).Op(Opcode.STOP).Build());
        host.Deploy(B, new Bytecode().Push(0x2a).Push(0).Op(Opcode.MSTORE).Push(32).Push(0).Op(Opcode.REVERT).Build());
        host.Deploy(C, new Bytecode().Op(Opcode.INVALID).Build());
        var (entries, _, _) = Trace(host, A);
        Assert.That(entries[1].GetProperty("error").GetString(), Is.EqualTo("Reverted"));
        Assert.That(entries[1].GetProperty("result").GetProperty("output").GetString(), Is.EqualTo(Word(0x2a)));
        Assert.That(entries[2].GetProperty("error").GetString(), Is.EqualTo("Bad instruction"));
        Assert.That(entries[2].GetProperty("result").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(entries[0].TryGetProperty("error", out _), Is.False);
    }

    [Test]
    public void Out_of_gas_at_the_top_is_an_error_with_no_result()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Store(1, 1).Op(Opcode.STOP).Build());
        var (entries, _, _) = Trace(host, A, gas: 25_000);
        Assert.That(entries, Has.Length.EqualTo(1));
        Assert.That(entries[0].GetProperty("error").GetString(), Is.EqualTo("Out of gas"));
        Assert.That(entries[0].GetProperty("result").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void Creations_show_init_code_method_address_and_code_and_selfdestruct_is_a_suicide_entry()
    {
        var host = new TraceHost();
        // A: CREATE2 of init code returning one byte (0x00), salt 0; then SELFDESTRUCT to B.
        byte[] init = new Bytecode().Push(1).Push(0).Op(Opcode.RETURN).Build(); // 5 bytes
        host.Deploy(A, new Bytecode().PushBytes(init).Push(27 * 8).Op(Opcode.SHL).Push(0).Op(Opcode.MSTORE)
            .Push(0).Push((ulong)init.Length).Push(0).Push(0).Op(Opcode.CREATE2).Op(Opcode.POP)
            .Push(B).Op(Opcode.SELFDESTRUCT).Build(), new UInt256(9));
        var (entries, _, _) = Trace(host, A);
        JsonElement create = entries[1];
        Assert.That(create.GetProperty("type").GetString(), Is.EqualTo("create"));
        Assert.That(create.GetProperty("action").GetProperty("creationMethod").GetString(), Is.EqualTo("create2"));
        Assert.That(create.GetProperty("action").GetProperty("init").GetString(), Is.EqualTo(Hex(init)));
        Address expected = ContractAddress.FromCreate2(A, UInt256.Zero, init);
        Assert.That(create.GetProperty("result").GetProperty("address").GetString(), Is.EqualTo(expected.ToString()));
        Assert.That(create.GetProperty("result").GetProperty("code").GetString(), Is.EqualTo("0x00"));
        JsonElement suicide = entries[2];
        Assert.That(suicide.GetProperty("type").GetString(), Is.EqualTo("suicide"));
        Assert.That(suicide.GetProperty("action").GetProperty("address").GetString(), Is.EqualTo(A.ToString()));
        Assert.That(suicide.GetProperty("action").GetProperty("refundAddress").GetString(), Is.EqualTo(B.ToString()));
        Assert.That(suicide.GetProperty("action").GetProperty("balance").GetString(), Is.EqualTo("0x9"));
        Assert.That(suicide.GetProperty("result").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(entries[0].GetProperty("subtraces").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public void A_failed_creation_has_no_address_and_trace_filter_matching_skips_it()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().PushBytes([0x60, 0x00, 0x60, 0x00, 0xfd]).Push(0).Op(Opcode.MSTORE)
            .Push(5).Push(27).Push(0).Op(Opcode.CREATE).Op(Opcode.POP).Op(Opcode.STOP).Build());
        var (entries, recorder, _) = Trace(host, A);
        Assert.That(entries[1].GetProperty("error").GetString(), Is.EqualTo("Reverted"));
        Assert.That(entries[1].GetProperty("result").TryGetProperty("address", out _), Is.False);
        Assert.That(ParityTraces.ActionTo(recorder.Root!.Calls[0]), Is.Null);
    }

    [Test]
    public void Deep_nesting_gets_long_trace_addresses()
    {
        var host = new TraceHost();
        // A calls itself while gas lasts: a chain of nested frames, each the first child of the one above.
        host.Deploy(A, new Bytecode().Op(Opcode.GAS).Push(0).Push(0).Push(0).Push(0).Push(0).Push(A).Push(2000).Op(Opcode.GAS).Op(Opcode.SUB)
            .Op(Opcode.CALL).Op(Opcode.STOP).Build());
        var (entries, _, _) = Trace(host, A, gas: 1_000_000);
        Assert.That(entries.Length, Is.GreaterThan(20));
        JsonElement deepest = entries[^1];
        Assert.That(deepest.GetProperty("traceAddress").GetArrayLength(), Is.EqualTo(entries.Length - 1));
        Assert.That(deepest.GetProperty("traceAddress").EnumerateArray().All(i => i.GetInt32() == 0), Is.True);
    }
}
