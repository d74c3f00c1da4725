using System.Text;
using OasisEth.Primitives;
using static OasisEth.Tests.Shared.EvmTestHost;
using static OasisEth.Tracing.Tests.TraceHost;

namespace OasisEth.Tracing.Tests;

/// <summary>
/// The callTracer against hand-derived trees (Cancun prices; 100,000 gas limit = 0x186a0, 21,000 intrinsic).
/// The top frame's gas is the limit and its gasUsed the receipt's; sub-frames report the gas they were given.
/// </summary>
public class CallTracerTests
{
    private static readonly string Sender_ = Sender.ToString();

    /// <summary>Code that reverts with Error("boom"): 100 bytes of revert data built with four MSTOREs; costs 60 gas.</summary>
    private static byte[] RevertWithBoom() => new Bytecode()
        .PushBytes([0x08, 0xc3, 0x79, 0xa0]).Push(224).Op(Opcode.SHL).Push(0).Op(Opcode.MSTORE)
        .Push(0x20).Push(4).Op(Opcode.MSTORE)
        .Push(4).Push(36).Op(Opcode.MSTORE)
        .PushBytes(BoomWord()).Push(68).Op(Opcode.MSTORE)
        .Push(100).Push(0).Op(Opcode.REVERT)
        .Build();

    private static byte[] BoomWord()
    {
        var word = new byte[32];
        Encoding.ASCII.GetBytes("boom").CopyTo(word, 0);
        return word;
    }

    private static string BoomRevertData()
    {
        var data = new byte[100];
        data[0] = 0x08; data[1] = 0xc3; data[2] = 0x79; data[3] = 0xa0;
        data[35] = 0x20;
        data[67] = 4;
        Encoding.ASCII.GetBytes("boom").CopyTo(data, 68);
        return Hex(data);
    }

    [Test]
    public void Nested_call_that_reverts_with_a_reason()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Call(Opcode.CALL, 10_000, B).Op(Opcode.POP).Op(Opcode.STOP).Build());
        host.Deploy(B, RevertWithBoom());
        string json = host.Trace(new CallTracer(), A);
        // A: 7 pushes (21) + CALL 2,600 cold + B's 60 + POP 2 = 2,683; 23,683 = 0x5c83.
        AssertJson(json, $$"""
        {"from":"{{Sender_}}","gas":"0x186a0","gasUsed":"0x5c83","to":"{{A}}","input":"0x",
         "calls":[{"from":"{{A}}","gas":"0x2710","gasUsed":"0x3c","to":"{{B}}","input":"0x","output":"{{BoomRevertData()}}",
                   "error":"execution reverted","revertReason":"boom","value":"0x0","type":"CALL"}],
         "value":"0x0","type":"CALL"}
        """);
    }

    [Test]
    public void Staticcall_to_a_precompile_has_no_value_and_delegatecall_shows_the_inherited_one()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Push(0x2a).Push(0).Op(Opcode.MSTORE)
            .Call(Opcode.STATICCALL, 100, Address.FromLowUlong(4), argsOffset: 0, argsSize: 32, retOffset: 32, retSize: 32).Op(Opcode.POP)
            .Call(Opcode.DELEGATECALL, 1000, B).Op(Opcode.POP).Op(Opcode.STOP).Build());
        host.Deploy(B, new Bytecode().Push(1).Push(0).Op(Opcode.SSTORE).Op(Opcode.STOP).Build());
        string json = host.Trace(new CallTracer(), A, data: [0xca, 0xfe]);
        // Intrinsic 21,000 + 2 x 16 = 21,032. A: MSTORE part 12; STATICCALL 6 pushes 18, 100 warm + 3 memory, identity 18,
        // POP 2; DELEGATECALL 6 pushes 18, 2,600 cold, the 1,000 given all burned (SSTORE's EIP-2200 sentry), POP 2: 3,773.
        // 21,032 + 3,773 = 24,805 = 0x60e5.
        AssertJson(json, $$"""
        {"from":"{{Sender_}}","gas":"0x186a0","gasUsed":"0x60e5","to":"{{A}}","input":"0xcafe",
         "calls":[
           {"from":"{{A}}","gas":"0x64","gasUsed":"0x12","to":"0x0000000000000000000000000000000000000004",
            "input":"{{Word(0x2a)}}","output":"{{Word(0x2a)}}","type":"STATICCALL"},
           {"from":"{{A}}","gas":"0x3e8","gasUsed":"0x3e8","to":"{{B}}","input":"0x","error":"out of gas: not enough gas for reentrancy sentry","value":"0x0","type":"DELEGATECALL"}],
         "value":"0x0","type":"CALL"}
        """);
    }

    [Test]
    public void Creation_transaction_reports_the_new_address_the_deployed_code_and_its_log()
    {
        var host = new TraceHost();
        // LOG0 with no data, then return one zero byte as the runtime code.
        byte[] init = new Bytecode().Push(0).Push(0).Op(Opcode.LOG0).Push(0).Push(0).Op(Opcode.MSTORE8).Push(1).Push(0).Op(Opcode.RETURN).Build();
        string json = host.Trace(new CallTracer(new CallTracerOptions { WithLog = true }), null, init);
        // Intrinsic: 21,000 + 32,000 + 10 x 16 + 5 x 4 + 2 (one init-code word) = 53,182; code 399 + deposit 200: 53,781 = 0xd215.
        const string created = "0x6295ee1b4f6dd65047762f924ecd367c17eabf8f"; // sender 0xa94f…, nonce 0
        AssertJson(json, $$"""
        {"from":"{{Sender_}}","gas":"0x186a0","gasUsed":"0xd215","to":"{{created}}","input":"{{Hex(init)}}","output":"0x00",
         "logs":[{"address":"{{created}}","topics":[],"data":"0x","index":"0x0","position":"0x0"}],
         "value":"0x0","type":"CREATE"}
        """);
    }

    [Test]
    public void Create_opcode_whose_init_code_reverts_has_no_to()
    {
        var host = new TraceHost();
        // Init code PUSH1 0 PUSH1 0 REVERT, stored at memory[27..32], created with value 0.
        host.Deploy(A, new Bytecode().PushBytes([0x60, 0x00, 0x60, 0x00, 0xfd]).Push(0).Op(Opcode.MSTORE)
            .Push(5).Push(27).Push(0).Op(Opcode.CREATE).Op(Opcode.POP).Op(Opcode.STOP).Build());
        string json = host.Trace(new CallTracer(), A);
        // Before CREATE: 79,000 - 21 = 78,979; CREATE 32,000 + 2 → 46,977 left, child gets all but 1/64: 46,243 = 0xb4a3.
        // A: 21 + 32,002 + child 6 + POP 2 = 32,031; 53,031 = 0xcf27.
        AssertJson(json, $$"""
        {"from":"{{Sender_}}","gas":"0x186a0","gasUsed":"0xcf27","to":"{{A}}","input":"0x",
         "calls":[{"from":"{{A}}","gas":"0xb4a3","gasUsed":"0x6","input":"0x60006000fd","error":"execution reverted","value":"0x0","type":"CREATE"}],
         "value":"0x0","type":"CALL"}
        """);
    }

    [Test]
    public void Selfdestruct_is_a_frame_carrying_the_balance()
    {
        var host = new TraceHost();
        host.Deploy(C, new Bytecode().Push(Sender).Op(Opcode.SELFDESTRUCT).Build(), new UInt256(5));
        string json = host.Trace(new CallTracer(), C);
        // PUSH20 3 + SELFDESTRUCT 5,000 (beneficiary warm and alive): 26,003 = 0x6593.
        AssertJson(json, $$"""
        {"from":"{{Sender_}}","gas":"0x186a0","gasUsed":"0x6593","to":"{{C}}","input":"0x",
         "calls":[{"from":"{{C}}","gas":"0x0","gasUsed":"0x0","to":"{{Sender_}}","input":"0x","value":"0x5","type":"SELFDESTRUCT"}],
         "value":"0x0","type":"CALL"}
        """);
    }

    private static (TraceHost Host, string TopicWord) LoggingScenario()
    {
        var host = new TraceHost();
        // A: LOG1(topic 1), CALL B (which logs and reverts), LOG0, STOP.
        host.Deploy(A, new Bytecode().Push(1).Push(0).Push(0).Op(Opcode.LOG1)
            .Call(Opcode.CALL, 10_000, B).Op(Opcode.POP)
            .Push(0).Push(0).Op(Opcode.LOG0).Op(Opcode.STOP).Build());
        host.Deploy(B, new Bytecode().Push(0).Push(0).Op(Opcode.LOG0).Push(0).Push(0).Op(Opcode.REVERT).Build());
        return (host, Word(1));
    }

    [Test]
    public void With_log_drops_the_logs_of_failed_frames_and_positions_logs_among_sub_calls()
    {
        var (host, topic) = LoggingScenario();
        string json = host.Trace(new CallTracer(new CallTracerOptions { WithLog = true }), A);
        // A: LOG1 759, call 21 + 2,600 + B's 387, POP 2, LOG0 381: 4,150; 25,150 = 0x623e. B's log was reverted, so
        // A's second log takes index 1 again, as in the receipt.
        AssertJson(json, $$"""
        {"from":"{{Sender_}}","gas":"0x186a0","gasUsed":"0x623e","to":"{{A}}","input":"0x",
         "calls":[{"from":"{{A}}","gas":"0x2710","gasUsed":"0x183","to":"{{B}}","input":"0x","error":"execution reverted","value":"0x0","type":"CALL"}],
         "logs":[{"address":"{{A}}","topics":["{{topic}}"],"data":"0x","index":"0x0","position":"0x0"},
                 {"address":"{{A}}","topics":[],"data":"0x","index":"0x1","position":"0x1"}],
         "value":"0x0","type":"CALL"}
        """);
    }

    [Test]
    public void Only_top_call_keeps_the_top_frame_and_its_own_logs()
    {
        var (host, topic) = LoggingScenario();
        var tracer = new CallTracer(new CallTracerOptions { OnlyTopCall = true, WithLog = true }) { FirstLogIndex = 7 };
        string json = host.Trace(tracer, A);
        AssertJson(json, $$"""
        {"from":"{{Sender_}}","gas":"0x186a0","gasUsed":"0x623e","to":"{{A}}","input":"0x",
         "logs":[{"address":"{{A}}","topics":["{{topic}}"],"data":"0x","index":"0x7","position":"0x0"},
                 {"address":"{{A}}","topics":[],"data":"0x","index":"0x8","position":"0x0"}],
         "value":"0x0","type":"CALL"}
        """);
    }

    [Test]
    public void Without_log_no_logs_are_collected()
    {
        var (host, _) = LoggingScenario();
        string json = host.Trace(new CallTracer(), A);
        Assert.That(json, Does.Not.Contain("\"logs\""));
        Assert.That(json, Does.Contain("\"calls\""));
    }

    [Test]
    public void Value_call_beyond_the_balance_is_a_failed_frame_that_used_no_gas()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Call(Opcode.CALL, 0, B, value: 1).Op(Opcode.POP).Op(Opcode.STOP).Build());
        host.Deploy(B, new Bytecode().Op(Opcode.STOP).Build());
        string json = host.Trace(new CallTracer(), A);
        // CALL: 2,600 cold + 9,000 value; the 2,300 stipend comes back unused. 21 + 9,300 + 2 = 9,323; 30,323 = 0x7673.
        AssertJson(json, $$"""
        {"from":"{{Sender_}}","gas":"0x186a0","gasUsed":"0x7673","to":"{{A}}","input":"0x",
         "calls":[{"from":"{{A}}","gas":"0x8fc","gasUsed":"0x0","to":"{{B}}","input":"0x","error":"insufficient balance for transfer","value":"0x1","type":"CALL"}],
         "value":"0x0","type":"CALL"}
        """);
    }

    [Test]
    public void Top_frame_failure_reports_gethS_error_text_and_the_whole_gas()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Op(Opcode.INVALID).Build());
        string json = host.Trace(new CallTracer(), A);
        AssertJson(json, $$"""
        {"from":"{{Sender_}}","gas":"0x186a0","gasUsed":"0x186a0","to":"{{A}}","input":"0x","error":"invalid opcode: INVALID","value":"0x0","type":"CALL"}
        """);
    }

    [Test]
    public void Call_to_an_account_without_code_is_a_frame_of_its_own()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Call(Opcode.CALL, 5000, C).Op(Opcode.POP).Op(Opcode.STOP).Build());
        host.State.SetAccount(C, 0, new UInt256(1), [], []);
        string json = host.Trace(new CallTracer(), A, value: 3);
        // 21 + 2,600 (cold, no code runs) + 2 = 2,623; 23,623 = 0x5c47.
        AssertJson(json, $$"""
        {"from":"{{Sender_}}","gas":"0x186a0","gasUsed":"0x5c47","to":"{{A}}","input":"0x",
         "calls":[{"from":"{{A}}","gas":"0x1388","gasUsed":"0x0","to":"{{C}}","input":"0x","value":"0x0","type":"CALL"}],
         "value":"0x3","type":"CALL"}
        """);
    }
}
