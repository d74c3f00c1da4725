using OasisEth.Evm.Tracing;
using OasisEth.Transactions;
using OasisEth.Primitives;

namespace OasisEth.Evm.Tests;

/// <summary>
/// The untraced loop pays JUMPDESTs with the block they are in (one check for a run of any length). These programs
/// pin that the gas, the failures and the traced steps are what one-by-one execution gives: gas worked out by hand (JUMPDEST 1, PUSH 3, JUMP 8, JUMPI 10,
/// POP 2), and the traced run compared with the untraced one.
/// </summary>
public class JumpDestRunTests
{
    private static byte[] Run(int n) => Enumerable.Repeat((byte)0x5b, n).ToArray();

    private static TransactionResult Call(byte[] code, ulong gas, ITxTracer? tracer = null)
    {
        var host = new EvmTestHost();
        host.Deploy(EvmTestHost.Contract, code);
        var tx = new Transaction
        {
            Type = TxType.Legacy,
            Nonce = host.State.GetNonce(EvmTestHost.Sender),
            GasPrice = UInt256.Zero,
            GasLimit = gas,
            To = EvmTestHost.Contract,
            Data = [],
            Sender = EvmTestHost.Sender,
        };
        var result = new TransactionProcessor(host.Fork).Execute(host.State, host.Block(gas), tx, tracer);
        Assert.That(result.IsInvalid, Is.False, result.InvalidReason);
        return result;
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(64)]
    [TestCase(1000)]
    public void A_run_costs_one_gas_per_jumpdest(int n)
    {
        byte[] code = new Bytecode().Raw(Run(n)).Push(1).Op(Opcode.POP).Op(Opcode.STOP).Build();
        var result = Call(code, 1_000_000);
        Assert.That(result.Success, Is.True);
        Assert.That(result.GasUsed, Is.EqualTo(21000UL + (ulong)n + 3 + 2));
    }

    [Test]
    public void A_run_at_the_end_of_the_code_falls_off_into_stop()
    {
        var result = Call(Run(100), 1_000_000);
        Assert.That(result.Success, Is.True);
        Assert.That(result.GasUsed, Is.EqualTo(21000UL + 100));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(50)]
    [TestCase(99)]
    public void Running_out_of_gas_inside_a_run_fails_with_all_gas_used(int shortBy)
    {
        // PUSH1 1 POP, then 100 JUMPDESTs: gas for the push, the pop and 99 - shortBy... of them.
        byte[] code = new Bytecode().Push(1).Op(Opcode.POP).Raw(Run(100)).Op(Opcode.STOP).Build();
        ulong limit = 21000UL + 3 + 2 + 100 - 1 - (ulong)shortBy;
        var result = Call(code, limit);
        Assert.That(result.Success, Is.False);
        Assert.That(result.Error, Is.EqualTo("out of gas"));
        Assert.That(result.GasUsed, Is.EqualTo(limit));
    }

    [Test]
    public void Exactly_enough_gas_for_a_run_succeeds()
    {
        byte[] code = new Bytecode().Push(1).Op(Opcode.POP).Raw(Run(100)).Op(Opcode.STOP).Build();
        ulong limit = 21000UL + 3 + 2 + 100;
        var result = Call(code, limit);
        Assert.That(result.Success, Is.True);
        Assert.That(result.GasUsed, Is.EqualTo(limit));
    }

    [Test]
    public void A_jump_into_the_middle_of_a_run_pays_from_the_target_on()
    {
        // PUSH1 13 JUMP (pc 0..2), 20 JUMPDESTs at pc 3..22: lands on pc 13, runs the last 10.
        byte[] code = new Bytecode().Push(13).Op(Opcode.JUMP).Raw(Run(20)).Op(Opcode.STOP).Build();
        var result = Call(code, 1_000_000);
        Assert.That(result.Success, Is.True);
        Assert.That(result.GasUsed, Is.EqualTo(21000UL + 3 + 8 + 10));
    }

    [Test]
    public void A_loop_through_a_run_counts_every_pass()
    {
        // PUSH1 5 (counter), then at pc 2: 30 JUMPDESTs, PUSH1 1 SWAP1 SUB DUP1 PUSH1 2 JUMPI, POP STOP.
        byte[] code = new Bytecode().Push(5).Raw(Run(30))
            .Push(1).Op(Opcode.SWAP1).Op(Opcode.SUB).Op(Opcode.DUP1).Push(2).Op(Opcode.JUMPI).Op(Opcode.POP).Op(Opcode.STOP).Build();
        var result = Call(code, 1_000_000);
        Assert.That(result.Success, Is.True);
        // 5 passes of 30 + PUSH 3 + SWAP 3 + SUB 3 + DUP 3 + PUSH 3 + JUMPI 10; then POP.
        Assert.That(result.GasUsed, Is.EqualTo(21000UL + 3 + 5 * (30 + 3 + 3 + 3 + 3 + 3 + 10) + 2));
    }

    [Test]
    public void A_push_immediate_of_0x5b_bytes_is_not_part_of_a_run()
    {
        // JUMPDEST, PUSH2 0x5b5b, POP, JUMPDEST JUMPDEST: the immediate is data, the JUMPDESTs around it cost 1 each.
        byte[] code = new Bytecode().Op(Opcode.JUMPDEST).Raw(0x61, 0x5b, 0x5b).Op(Opcode.POP).Raw(Run(2)).Op(Opcode.STOP).Build();
        var result = Call(code, 1_000_000);
        Assert.That(result.Success, Is.True);
        Assert.That(result.GasUsed, Is.EqualTo(21000UL + 1 + 3 + 2 + 2));
    }

    [TestCase(1_000_000UL)]
    [TestCase(21000UL + 3 + 2 + 60)] // out of gas in the middle of the run
    public void A_tracer_sees_every_jumpdest_of_a_run_and_the_same_outcome(ulong gas)
    {
        byte[] code = new Bytecode().Push(1).Op(Opcode.POP).Raw(Run(100)).Op(Opcode.STOP).Build();
        var tracer = new StepRecorder();
        var traced = Call(code, gas, tracer);
        var untraced = Call(code, gas);

        Assert.That(traced.Success, Is.EqualTo(untraced.Success));
        Assert.That(traced.GasUsed, Is.EqualTo(untraced.GasUsed));
        int jumpdests = gas == 1_000_000UL ? 100 : 61; // the 61st is the step that runs out
        Assert.That(tracer.Steps, Has.Count.EqualTo(2 + jumpdests + (traced.Success ? 1 : 0)));
        for (int i = 0; i < jumpdests; i++)
        {
            var step = tracer.Steps[2 + i];
            Assert.That((step.Pc, step.Op, step.Cost), Is.EqualTo((3 + i, Opcode.JUMPDEST, 1L)), $"step {2 + i}");
            Assert.That(step.Gas, Is.EqualTo(tracer.Steps[2].Gas - i), $"gas before step {2 + i}");
        }
        Assert.That(tracer.Errors, Has.Count.EqualTo(traced.Success ? 0 : 1));
    }

    private sealed class StepRecorder : ITxTracer
    {
        public readonly List<(int Pc, Opcode Op, long Gas, long Cost)> Steps = [];
        public readonly List<string> Errors = [];

        public void OnStep(int pc, Opcode opcode, long gas, long gasCost, long memorySize, ReadOnlySpan<UInt256> stack, int depth, long refund) =>
            Steps.Add((pc, opcode, gas, gasCost));

        public void OnError(string error) => Errors.Add(error);

        public void OnTransactionEnd(ReadOnlySpan<byte> output, long gasUsed, string? error) { }
    }
}
