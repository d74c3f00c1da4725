using OasisEth.Primitives;
using static OasisEth.Tests.Shared.EvmTestHost;
using static OasisEth.Tracing.Tests.TraceHost;

namespace OasisEth.Tracing.Tests;

/// <summary>The 4byteTracer: selectors of CALL-family messages with at least 4 bytes of input, precompiles and
/// creations left out, repeated calls counted.</summary>
public class FourByteTracerTests
{
    [Test]
    public void Counts_call_family_selectors_by_argument_size_and_skips_precompiles_creations_and_short_inputs()
    {
        var host = new TraceHost();
        // memory[0..32] = 0xaabbccdd << 224: a 4-byte selector followed by zeros.
        Bytecode code = new Bytecode().PushBytes([0xaa, 0xbb, 0xcc, 0xdd]).Push(224).Op(Opcode.SHL).Push(0).Op(Opcode.MSTORE)
            .Call(Opcode.CALL, 5_000, B, argsSize: 36).Op(Opcode.POP)                 // 0xaabbccdd-32
            .Call(Opcode.STATICCALL, 5_000, B, argsSize: 36).Op(Opcode.POP)           // 0xaabbccdd-32 again
            .Call(Opcode.DELEGATECALL, 5_000, B, argsSize: 4).Op(Opcode.POP)          // 0xaabbccdd-0
            .Call(Opcode.CALL, 5_000, B, argsSize: 3).Op(Opcode.POP)                  // too short: none
            .Call(Opcode.STATICCALL, 5_000, Address.FromLowUlong(2), argsSize: 36).Op(Opcode.POP) // sha256 precompile: none
            .Push(36).Push(0).Push(0).Op(Opcode.CREATE).Op(Opcode.POP)              // creation: none
            .Op(Opcode.STOP);
        host.Deploy(A, code.Build());
        host.Deploy(B, [0x00]);
        var tracer = new FourByteTracer(Fork.Cancun);
        string json = host.Trace(tracer, A, data: [0x12, 0x34, 0x56, 0x78, 0x01], gas: 300_000);
        // The transaction's own call counts too: 0x12345678 with one argument byte.
        AssertJson(json, """{"0x12345678-1":1,"0xaabbccdd-0":1,"0xaabbccdd-32":2}""");
    }

    [Test]
    public void A_transfer_without_input_and_a_deployment_count_nothing()
    {
        var host = new TraceHost();
        AssertJson(host.Trace(new FourByteTracer(Fork.Cancun), B, value: 1), "{}");
        AssertJson(new TraceHost().Trace(new FourByteTracer(Fork.Cancun), null, new Bytecode().Push(0).Push(0).Op(Opcode.RETURN).Build()), "{}");
        Assert.That(TracerFactory.Create("4byteTracer", null), Is.TypeOf<FourByteTracer>());
    }
}
