using OasisEth.Primitives;
using static OasisEth.Tests.Shared.EvmTestHost;
using static OasisEth.Tracing.Tests.TraceHost;

namespace OasisEth.Tracing.Tests;

/// <summary>
/// The struct logger against hand-derived traces. Gas: 100,000 limit, 21,000 intrinsic, so the first step has 79,000;
/// Cancun prices (cold slot 2,100, SSTORE set 20,000, reset 2,900, clear refund 4,800, cold account 2,600).
/// </summary>
public class StructLoggerTests
{
    [Test]
    public void Arithmetic_and_sstore_with_stack_and_touched_storage()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Push(1).Push(2).Op(Opcode.ADD).Push(0).Op(Opcode.SSTORE).Op(Opcode.STOP).Build());
        string json = host.Trace(new StructLogger(), A);
        AssertJson(json, $$$"""
        {"gas":43112,"failed":false,"returnValue":"0x","structLogs":[
          {"pc":0,"op":"PUSH1","gas":79000,"gasCost":3,"depth":1,"stack":[]},
          {"pc":2,"op":"PUSH1","gas":78997,"gasCost":3,"depth":1,"stack":["0x1"]},
          {"pc":4,"op":"ADD","gas":78994,"gasCost":3,"depth":1,"stack":["0x1","0x2"]},
          {"pc":5,"op":"PUSH1","gas":78991,"gasCost":3,"depth":1,"stack":["0x3"]},
          {"pc":7,"op":"SSTORE","gas":78988,"gasCost":22100,"depth":1,"stack":["0x3","0x0"],"storage":{"{{{Word(0)}}}":"{{{Word(3)}}}"}},
          {"pc":8,"op":"STOP","gas":56888,"gasCost":0,"depth":1,"stack":[]}
        ]}
        """);
    }

    [Test]
    public void Storage_map_accumulates_the_contracts_touched_slots_and_sload_shows_the_value_read()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Push(1).Push(0).Op(Opcode.SSTORE).Push(5).Op(Opcode.SLOAD).Op(Opcode.STOP).Build(), default, (5, 7));
        string json = host.Trace(new StructLogger(new StructLoggerOptions { DisableStack = true }), A);
        AssertJson(json, $$$"""
        {"gas":45209,"failed":false,"returnValue":"0x","structLogs":[
          {"pc":0,"op":"PUSH1","gas":79000,"gasCost":3,"depth":1},
          {"pc":2,"op":"PUSH1","gas":78997,"gasCost":3,"depth":1},
          {"pc":4,"op":"SSTORE","gas":78994,"gasCost":22100,"depth":1,"storage":{"{{{Word(0)}}}":"{{{Word(1)}}}"}},
          {"pc":5,"op":"PUSH1","gas":56894,"gasCost":3,"depth":1},
          {"pc":7,"op":"SLOAD","gas":56891,"gasCost":2100,"depth":1,"storage":{"{{{Word(0)}}}":"{{{Word(1)}}}","{{{Word(5)}}}":"{{{Word(7)}}}"}},
          {"pc":8,"op":"STOP","gas":54791,"gasCost":0,"depth":1}
        ]}
        """);
    }

    [Test]
    public void Disable_storage_leaves_storage_out()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Push(5).Op(Opcode.SLOAD).Op(Opcode.STOP).Build(), default, (5, 7));
        string json = host.Trace(new StructLogger(new StructLoggerOptions { DisableStorage = true }), A);
        AssertJson(json, """
        {"gas":23103,"failed":false,"returnValue":"0x","structLogs":[
          {"pc":0,"op":"PUSH1","gas":79000,"gasCost":3,"depth":1,"stack":[]},
          {"pc":2,"op":"SLOAD","gas":78997,"gasCost":2100,"depth":1,"stack":["0x5"]},
          {"pc":3,"op":"STOP","gas":76897,"gasCost":0,"depth":1,"stack":["0x7"]}
        ]}
        """);
    }

    [Test]
    public void Memory_is_shown_before_each_step_as_prefixed_words_and_return_value_is_the_output()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Push(0x2a).Push(0).Op(Opcode.MSTORE).Push(32).Push(0).Op(Opcode.RETURN).Build());
        string json = host.Trace(new StructLogger(new StructLoggerOptions { EnableMemory = true, DisableStack = true }), A);
        string word = Word(0x2a);
        AssertJson(json, $$$"""
        {"gas":21018,"failed":false,"returnValue":"{{{word}}}","structLogs":[
          {"pc":0,"op":"PUSH1","gas":79000,"gasCost":3,"depth":1},
          {"pc":2,"op":"PUSH1","gas":78997,"gasCost":3,"depth":1},
          {"pc":4,"op":"MSTORE","gas":78994,"gasCost":6,"depth":1},
          {"pc":5,"op":"PUSH1","gas":78988,"gasCost":3,"depth":1,"memory":["{{{word}}}"]},
          {"pc":7,"op":"PUSH1","gas":78985,"gasCost":3,"depth":1,"memory":["{{{word}}}"]},
          {"pc":9,"op":"RETURN","gas":78982,"gasCost":0,"depth":1,"memory":["{{{word}}}"]}
        ]}
        """);
    }

    [Test]
    public void Limit_keeps_the_first_records_only()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Push(0x2a).Push(0).Op(Opcode.MSTORE).Push(32).Push(0).Op(Opcode.RETURN).Build());
        var tracer = new StructLogger(new StructLoggerOptions { EnableMemory = true, Limit = 2 });
        string json = host.Trace(tracer, A);
        AssertJson(json, $$$"""
        {"gas":21018,"failed":false,"returnValue":"{{{Word(0x2a)}}}","structLogs":[
          {"pc":0,"op":"PUSH1","gas":79000,"gasCost":3,"depth":1,"stack":[]},
          {"pc":2,"op":"PUSH1","gas":78997,"gasCost":3,"depth":1,"stack":["0x2a"]}
        ]}
        """);
        Assert.That(tracer.Count, Is.EqualTo(2));
    }

    [Test]
    public void Return_data_is_shown_once_enabled_after_a_call_returned_some()
    {
        var host = new TraceHost();
        // A: STATICCALL identity(0x04) on 32 bytes of memory holding 0x2a, then STOP.
        host.Deploy(A, new Bytecode().Push(0x2a).Push(0).Op(Opcode.MSTORE)
            .Call(Opcode.STATICCALL, 100, Address.FromLowUlong(4), argsOffset: 0, argsSize: 32, retOffset: 32, retSize: 32)
            .Op(Opcode.POP).Op(Opcode.STOP).Build());
        string json = host.Trace(new StructLogger(new StructLoggerOptions { EnableReturnData = true, DisableStack = true }), A);
        // MSTORE 3+3; six pushes; STATICCALL 100 warm + 3 memory + 100 given (18 used); POP 2.
        AssertJson(json, $$$"""
        {"gas":21153,"failed":false,"returnValue":"0x","structLogs":[
          {"pc":0,"op":"PUSH1","gas":79000,"gasCost":3,"depth":1},
          {"pc":2,"op":"PUSH1","gas":78997,"gasCost":3,"depth":1},
          {"pc":4,"op":"MSTORE","gas":78994,"gasCost":6,"depth":1},
          {"pc":5,"op":"PUSH1","gas":78988,"gasCost":3,"depth":1},
          {"pc":7,"op":"PUSH1","gas":78985,"gasCost":3,"depth":1},
          {"pc":9,"op":"PUSH1","gas":78982,"gasCost":3,"depth":1},
          {"pc":11,"op":"PUSH1","gas":78979,"gasCost":3,"depth":1},
          {"pc":13,"op":"PUSH20","gas":78976,"gasCost":3,"depth":1},
          {"pc":34,"op":"PUSH1","gas":78973,"gasCost":3,"depth":1},
          {"pc":36,"op":"STATICCALL","gas":78970,"gasCost":203,"depth":1},
          {"pc":37,"op":"POP","gas":78849,"gasCost":2,"depth":1,"returnData":"{{{Word(0x2a)}}}"},
          {"pc":38,"op":"STOP","gas":78847,"gasCost":0,"depth":1,"returnData":"{{{Word(0x2a)}}}"}
        ]}
        """);
    }

    [Test]
    public void Child_frame_steps_sit_between_the_call_and_the_next_step_and_refund_is_transaction_wide()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Call(Opcode.CALL, 10_000, B).Op(Opcode.POP).Op(Opcode.STOP).Build());
        host.Deploy(B, new Bytecode().Push(0).Push(0).Op(Opcode.SSTORE).Op(Opcode.STOP).Build(), default, (0, 1));
        string json = host.Trace(new StructLogger(new StructLoggerOptions { DisableStack = true }), A);
        // CALL: 2,600 cold + 10,000 given; B uses 3+3+5,000 (cold reset) and earns the 4,800 clear refund.
        // Gas used: 79,000 - 71,371 = 7,629 + 21,000 = 28,629, less the refund 4,800 (under the 1/5 cap) = 23,829.
        AssertJson(json, $$$"""
        {"gas":23829,"failed":false,"returnValue":"0x","structLogs":[
          {"pc":0,"op":"PUSH1","gas":79000,"gasCost":3,"depth":1},
          {"pc":2,"op":"PUSH1","gas":78997,"gasCost":3,"depth":1},
          {"pc":4,"op":"PUSH1","gas":78994,"gasCost":3,"depth":1},
          {"pc":6,"op":"PUSH1","gas":78991,"gasCost":3,"depth":1},
          {"pc":8,"op":"PUSH1","gas":78988,"gasCost":3,"depth":1},
          {"pc":10,"op":"PUSH20","gas":78985,"gasCost":3,"depth":1},
          {"pc":31,"op":"PUSH2","gas":78982,"gasCost":3,"depth":1},
          {"pc":34,"op":"CALL","gas":78979,"gasCost":12600,"depth":1},
          {"pc":0,"op":"PUSH1","gas":10000,"gasCost":3,"depth":2},
          {"pc":2,"op":"PUSH1","gas":9997,"gasCost":3,"depth":2},
          {"pc":4,"op":"SSTORE","gas":9994,"gasCost":5000,"depth":2,"storage":{"{{{Word(0)}}}":"{{{Word(0)}}}"}},
          {"pc":5,"op":"STOP","gas":4994,"gasCost":0,"depth":2,"refund":4800},
          {"pc":35,"op":"POP","gas":71373,"gasCost":2,"depth":1,"refund":4800},
          {"pc":36,"op":"STOP","gas":71371,"gasCost":0,"depth":1,"refund":4800}
        ]}
        """);
    }

    [Test]
    public void Stack_underflow_fails_the_step_with_gethS_details()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Op(Opcode.ADD).Build());
        string json = host.Trace(new StructLogger(), A);
        AssertJson(json, """
        {"gas":100000,"failed":true,"returnValue":"0x","structLogs":[
          {"pc":0,"op":"ADD","gas":79000,"gasCost":3,"depth":1,"error":"stack underflow (0 <=> 2)","stack":[]}
        ]}
        """);
    }

    [Test]
    public void Out_of_gas_fails_the_step_that_could_not_pay()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Push(1).Push(2).Op(Opcode.ADD).Build());
        string json = host.Trace(new StructLogger(), A, gas: 21_005);
        AssertJson(json, """
        {"gas":21005,"failed":true,"returnValue":"0x","structLogs":[
          {"pc":0,"op":"PUSH1","gas":5,"gasCost":3,"depth":1,"stack":[]},
          {"pc":2,"op":"PUSH1","gas":2,"gasCost":3,"depth":1,"error":"out of gas","stack":["0x1"]}
        ]}
        """);
    }

    [Test]
    public void Invalid_opcode_is_logged_without_an_error_as_geth_logs_it_before_running_it()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Op(Opcode.INVALID).Build());
        string json = host.Trace(new StructLogger(), A);
        AssertJson(json, """
        {"gas":100000,"failed":true,"returnValue":"0x","structLogs":[
          {"pc":0,"op":"INVALID","gas":79000,"gasCost":0,"depth":1,"stack":[]}
        ]}
        """);
    }

    [Test]
    public void Revert_keeps_its_data_as_return_value()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Push(0x2a).Push(0).Op(Opcode.MSTORE).Push(32).Push(0).Op(Opcode.REVERT).Build());
        string json = host.Trace(new StructLogger(new StructLoggerOptions { DisableStack = true, Limit = 1 }), A);
        AssertJson(json, $$$"""
        {"gas":21018,"failed":true,"returnValue":"{{{Word(0x2a)}}}","structLogs":[
          {"pc":0,"op":"PUSH1","gas":79000,"gasCost":3,"depth":1}
        ]}
        """);
    }

    [Test]
    public void Create_step_is_priced_without_the_gas_it_forwards_as_geth_prices_it()
    {
        var host = new TraceHost();
        // Init code PUSH1 0 PUSH1 0 REVERT at memory[27..32], created with value 0.
        host.Deploy(A, new Bytecode().PushBytes([0x60, 0x00, 0x60, 0x00, 0xfd]).Push(0).Op(Opcode.MSTORE)
            .Push(5).Push(27).Push(0).Op(Opcode.CREATE).Op(Opcode.POP).Op(Opcode.STOP).Build());
        string json = host.Trace(new StructLogger(new StructLoggerOptions { DisableStack = true }), A);
        // CREATE: 32,000 + 2 (one init-code word); the child gets 46,977 - 46,977/64 = 46,243, uses 6, returns the rest.
        AssertJson(json, """
        {"gas":53031,"failed":false,"returnValue":"0x","structLogs":[
          {"pc":0,"op":"PUSH5","gas":79000,"gasCost":3,"depth":1},
          {"pc":6,"op":"PUSH1","gas":78997,"gasCost":3,"depth":1},
          {"pc":8,"op":"MSTORE","gas":78994,"gasCost":6,"depth":1},
          {"pc":9,"op":"PUSH1","gas":78988,"gasCost":3,"depth":1},
          {"pc":11,"op":"PUSH1","gas":78985,"gasCost":3,"depth":1},
          {"pc":13,"op":"PUSH1","gas":78982,"gasCost":3,"depth":1},
          {"pc":15,"op":"CREATE","gas":78979,"gasCost":32002,"depth":1},
          {"pc":0,"op":"PUSH1","gas":46243,"gasCost":3,"depth":2},
          {"pc":2,"op":"PUSH1","gas":46240,"gasCost":3,"depth":2},
          {"pc":4,"op":"REVERT","gas":46237,"gasCost":0,"depth":2},
          {"pc":16,"op":"POP","gas":46971,"gasCost":2,"depth":1},
          {"pc":17,"op":"STOP","gas":46969,"gasCost":0,"depth":1}
        ]}
        """);
    }

    [Test]
    public void Creation_return_value_is_the_deployed_code()
    {
        var host = new TraceHost();
        // Returns the two bytes 0x6001 as the runtime code.
        byte[] init = new Bytecode().PushBytes([0x60, 0x01]).Push(240).Op(Opcode.SHL).Push(0).Op(Opcode.MSTORE).Push(2).Push(0).Op(Opcode.RETURN).Build();
        var tracer = new StructLogger(new StructLoggerOptions { Limit = 1 });
        string json = host.Trace(tracer, null, init);
        Assert.That(System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("returnValue").GetString(), Is.EqualTo("0x6001"));
    }
}
