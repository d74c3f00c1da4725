using OasisEth.Evm;
using OasisEth.Evm.Tracing;
using OasisEth.Primitives;
using OasisEth.State;
using static OasisEth.Tests.Shared.EvmTestHost;
using static OasisEth.Tracing.Tests.TraceHost;

namespace OasisEth.Tracing.Tests;

/// <summary>The interpreter's side of the tracer contract: order of events, what each option turns on, and that
/// tracing never changes the result.</summary>
public class TracerHooksTests
{
    /// <summary>Records every event as a line.</summary>
    private sealed class RecordingTracer(TraceOptions options) : ITxTracer
    {
        public readonly List<string> Events = [];
        public TraceOptions Options => options;
        public void OnStep(int pc, Opcode opcode, long gas, long gasCost, long memorySize, ReadOnlySpan<UInt256> stack, int depth, long refund) =>
            Events.Add($"step {depth} {OpcodeMnemonics.Get(opcode)}");
        public void OnError(string error) => Events.Add("error " + error);
        public void OnTransactionEnd(ReadOnlySpan<byte> output, long gasUsed, string? error) => Events.Add("end " + (error ?? "ok"));
        public void OnStepDetail(in StepDetail detail) => Events.Add(detail.HasStorage ? $"detail storage {detail.StorageKey}={detail.StorageValue}" : $"detail memory {detail.Memory.Length}");
        public void OnStepFault(ExitCode exit, string error) => Events.Add("fault " + error);
        public void OnEnter(in CallFrameEnter frame) => Events.Add($"enter {frame.Depth} {frame.Type.Name()} {frame.From}->{frame.To} gas {frame.Gas}");
        public void OnExit(in CallFrameExit frame) => Events.Add($"exit {frame.Depth} used {frame.GasUsed} {frame.Error ?? "ok"}");
        public void OnLog(LogEntry log, int index, int depth) => Events.Add($"log {index} at {depth} from {log.Address}");
    }

    /// <summary>A tracer written against the original three members only, as the EIP-3155 tracer is.</summary>
    private sealed class OriginalTracer : ITxTracer
    {
        public readonly List<string> Events = [];
        public void OnStep(int pc, Opcode opcode, long gas, long gasCost, long memorySize, ReadOnlySpan<UInt256> stack, int depth, long refund) =>
            Events.Add($"step {OpcodeMnemonics.Get(opcode)} cost {gasCost}");
        public void OnError(string error) => Events.Add("error " + error);
        public void OnTransactionEnd(ReadOnlySpan<byte> output, long gasUsed, string? error) => Events.Add("end " + gasUsed);
    }

    private static TraceHost Scenario()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Push(0).Push(0).Op(Opcode.LOG0).Call(Opcode.CALL, 30_000, B).Op(Opcode.POP).Op(Opcode.STOP).Build());
        host.Deploy(B, new Bytecode().Push(9).Push(1).Op(Opcode.SSTORE).Op(Opcode.STOP).Build());
        return host;
    }

    [Test]
    public void Call_and_log_events_interleave_with_steps_in_execution_order()
    {
        var tracer = new RecordingTracer(TraceOptions.Steps | TraceOptions.Calls | TraceOptions.Logs | TraceOptions.Storage);
        Scenario().Run(tracer, A);
        Assert.That(tracer.Events, Is.EqualTo(new[]
        {
            $"enter 0 CALL {Sender}->{A} gas 79000",
            "step 1 PUSH1", "step 1 PUSH1", "step 1 LOG0",
            $"log 0 at 0 from {A}",
            "step 1 PUSH1", "step 1 PUSH1", "step 1 PUSH1", "step 1 PUSH1", "step 1 PUSH1", "step 1 PUSH20", "step 1 PUSH2",
            "step 1 CALL",
            $"enter 1 CALL {A}->{B} gas 30000",
            "step 2 PUSH1", "step 2 PUSH1", "detail storage 1=9", "step 2 SSTORE", "step 2 STOP",
            "exit 1 used 22106 ok",
            "step 1 POP", "step 1 STOP",
            "exit 0 used 25110 ok",
            "end ok",
        }));
    }

    [Test]
    public void Without_steps_only_frames_are_reported()
    {
        var tracer = new RecordingTracer(TraceOptions.Calls);
        Scenario().Run(tracer, A);
        Assert.That(tracer.Events, Is.EqualTo(new[]
        {
            $"enter 0 CALL {Sender}->{A} gas 79000",
            $"enter 1 CALL {A}->{B} gas 30000",
            "exit 1 used 22106 ok",
            "exit 0 used 25110 ok",
            "end ok",
        }));
    }

    [Test]
    public void Memory_option_gives_a_detail_before_every_step()
    {
        var tracer = new RecordingTracer(TraceOptions.Memory);
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Push(1).Push(0).Op(Opcode.MSTORE).Op(Opcode.STOP).Build());
        host.Run(tracer, A);
        Assert.That(tracer.Events, Is.EqualTo(new[]
        {
            "detail memory 0", "step 1 PUSH1", "detail memory 0", "step 1 PUSH1", "detail memory 0", "step 1 MSTORE",
            "detail memory 32", "step 1 STOP", "end ok",
        }));
    }

    [Test]
    public void A_tracer_of_the_original_contract_gets_steps_and_the_plain_error_text()
    {
        var tracer = new OriginalTracer();
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Push(1).Op(Opcode.ADD).Build());
        host.Run(tracer, A);
        Assert.That(tracer.Events, Is.EqualTo(new[] { "step PUSH1 cost 3", "step ADD cost 3", "error stack underflow", "end 100000" }));
    }

    [Test]
    public void Fault_carries_gethS_details_for_stack_overflow()
    {
        var tracer = new RecordingTracer(TraceOptions.Steps);
        var host = new TraceHost();
        // 1,025 pushes: the last one overflows.
        var code = new Bytecode();
        for (int i = 0; i < 1025; i++) code.Op(Opcode.PUSH0);
        host.Deploy(A, code.Build());
        host.Run(tracer, A, gas: 1_000_000);
        Assert.That(tracer.Events[^3], Is.EqualTo("step 1 PUSH0"));
        Assert.That(tracer.Events[^2], Is.EqualTo("fault stack limit reached 1024 (1023)"));
    }

    [Test]
    public void Tracing_changes_neither_the_result_nor_the_state()
    {
        foreach (var tracerFactory in new Func<ITxTracer?>[]
                 {
                     () => null,
                     () => new StructLogger(new StructLoggerOptions { EnableMemory = true, EnableReturnData = true }),
                     () => new CallTracer(new CallTracerOptions { WithLog = true }),
                 })
        {
            var plain = Scenario();
            var traced = Scenario();
            var expected = plain.Run(null, A);
            var actual = traced.Run(tracerFactory(), A);
            Assert.That(actual.GasUsed, Is.EqualTo(expected.GasUsed));
            Assert.That(actual.Success, Is.EqualTo(expected.Success));
            Assert.That(actual.Logs, Has.Count.EqualTo(expected.Logs.Count));
            Assert.That(traced.State.GetStorage(B, new UInt256(1)), Is.EqualTo(plain.State.GetStorage(B, new UInt256(1))));
            Assert.That(traced.State.GetBalance(Sender), Is.EqualTo(plain.State.GetBalance(Sender)));
        }
    }

    [Test]
    public void One_tracer_object_per_transaction_a_second_run_starts_clean()
    {
        // The interpreter sets up its trace state afresh per run even when the same tracer object is reused.
        var host = Scenario();
        var first = new RecordingTracer(TraceOptions.Calls);
        host.Run(first, A);
        var second = new RecordingTracer(TraceOptions.Calls);
        host.Run(second, A);
        Assert.That(second.Events[0], Does.StartWith("enter 0 CALL"));
        Assert.That(second.Events, Has.Count.EqualTo(first.Events.Count));
    }
}
