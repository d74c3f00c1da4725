using OasisEth.Transactions;
using OasisEth.Primitives;

namespace OasisEth.Evm.Tests;

/// <summary>
/// The untraced loop runs PUSH1/PUSH2 + JUMP/JUMPI as one instruction when the jump cannot fail. Each program
/// here sits on one edge of that rule; gas is worked out by hand (PUSH 3, JUMP 8, JUMPI 10, JUMPDEST 1, POP 2) and
/// failures must be the ones one-by-one execution gives.
/// </summary>
public class PushJumpTests
{
    private static TransactionResult Call(byte[] code, ulong gas = 1_000_000)
    {
        var host = new EvmTestHost();
        host.Deploy(EvmTestHost.Contract, code);
        var result = host.Call(EvmTestHost.Contract, [], gas);
        Assert.That(result.IsInvalid, Is.False, result.InvalidReason);
        return result;
    }

    /// <summary>PUSH1 4 JUMP INVALID JUMPDEST STOP: 3 + 8 + 1.</summary>
    private static byte[] Push1Jump() => new Bytecode().Push(4).Op(Opcode.JUMP).Op(Opcode.INVALID).Op(Opcode.JUMPDEST).Op(Opcode.STOP).Build();

    [Test]
    public void Push1_jump_lands_on_its_jumpdest()
    {
        var result = Call(Push1Jump());
        Assert.That(result.Success, Is.True);
        Assert.That(result.GasUsed, Is.EqualTo(21000UL + 3 + 8 + 1));
    }

    [Test]
    public void Push2_jump_lands_on_its_jumpdest()
    {
        // PUSH2 0x0105 JUMP, 257 INVALIDs (pc 4..260), JUMPDEST at 261, STOP.
        var code = new Bytecode().Raw(0x61, 0x01, 0x05).Op(Opcode.JUMP);
        for (int i = 0; i < 257; i++) code.Op(Opcode.INVALID);
        var result = Call(code.Op(Opcode.JUMPDEST).Op(Opcode.STOP).Build());
        Assert.That(result.Success, Is.True);
        Assert.That(result.GasUsed, Is.EqualTo(21000UL + 3 + 8 + 1));
    }

    [TestCase(0UL, "out of gas")] // enough for the push only: the JUMP runs out
    [TestCase(8UL, "out of gas")] // push and jump paid, not the JUMPDEST
    [TestCase(9UL, null)]
    public void Gas_short_at_the_jump_fails_there(ulong afterPush, string? error)
    {
        ulong limit = 21000UL + 3 + afterPush;
        var result = Call(Push1Jump(), limit);
        Assert.That(result.Error, Is.EqualTo(error));
        Assert.That(result.GasUsed, Is.EqualTo(limit));
    }

    [Test]
    public void A_jump_to_a_non_jumpdest_fails()
    {
        // PUSH1 3 JUMP STOP: pc 3 is STOP.
        var result = Call(new Bytecode().Push(3).Op(Opcode.JUMP).Op(Opcode.STOP).Build(), 100_000);
        Assert.That(result.Error, Is.EqualTo("invalid jump destination"));
        Assert.That(result.GasUsed, Is.EqualTo(100_000UL));
    }

    [Test]
    public void A_jump_into_push_data_fails()
    {
        // PUSH1 4 JUMP PUSH1 0x5b: pc 4 is a 0x5b byte inside the immediate.
        var result = Call(new Bytecode().Push(4).Op(Opcode.JUMP).Raw(0x60, 0x5b).Op(Opcode.STOP).Build(), 100_000);
        Assert.That(result.Error, Is.EqualTo("invalid jump destination"));
    }

    [Test]
    public void Jumpi_on_an_empty_stack_underflows()
    {
        var result = Call(new Bytecode().Push(3).Op(Opcode.JUMPI).Op(Opcode.JUMPDEST).Op(Opcode.STOP).Build(), 100_000);
        Assert.That(result.Error, Is.EqualTo("stack underflow"));
        Assert.That(result.GasUsed, Is.EqualTo(100_000UL));
    }

    [Test]
    public void Jumpi_not_taken_ignores_a_bad_destination_and_pops_the_condition()
    {
        // PUSH1 0 PUSH1 0xff JUMPI POP: the POP underflows only if JUMPI consumed its condition.
        var result = Call(new Bytecode().Push(0).Push(0xff).Op(Opcode.JUMPI).Op(Opcode.POP).Op(Opcode.STOP).Build(), 100_000);
        Assert.That(result.Error, Is.EqualTo("stack underflow"));

        var ok = Call(new Bytecode().Push(0).Push(0xff).Op(Opcode.JUMPI).Op(Opcode.STOP).Build());
        Assert.That(ok.Success, Is.True);
        Assert.That(ok.GasUsed, Is.EqualTo(21000UL + 3 + 3 + 10));
    }

    [Test]
    public void Jumpi_taken_to_a_bad_destination_fails()
    {
        var result = Call(new Bytecode().Push(1).Push(0xff).Op(Opcode.JUMPI).Op(Opcode.STOP).Build(), 100_000);
        Assert.That(result.Error, Is.EqualTo("invalid jump destination"));
    }

    [TestCase(1UL, true)]
    [TestCase(0UL, false)]
    public void Jumpi_takes_the_branch_by_its_condition(ulong condition, bool taken)
    {
        // PUSH1 c, PUSH1 10, JUMPI (pc 4), PUSH1 7, POP, STOP (pc 8), INVALID, JUMPDEST (pc 10), STOP:
        // the taken branch costs the JUMPDEST (1), the other PUSH1 7 POP (5).
        byte[] code = new Bytecode().Push(condition).Push(10).Op(Opcode.JUMPI).Push(7).Op(Opcode.POP).Op(Opcode.STOP).Op(Opcode.INVALID)
            .Op(Opcode.JUMPDEST).Op(Opcode.STOP).Build();
        var result = Call(code);
        Assert.That(result.Success, Is.True);
        Assert.That(result.GasUsed, Is.EqualTo(21000UL + 3 + 3 + 10 + (taken ? 1UL : 3 + 2)));
    }

    [Test]
    public void Gas_short_at_jumpi_fails_there()
    {
        byte[] code = new Bytecode().Push(1).Push(6).Op(Opcode.JUMPI).Op(Opcode.STOP).Op(Opcode.JUMPDEST).Op(Opcode.STOP).Build();
        ulong limit = 21000UL + 3 + 3 + 9;
        var result = Call(code, limit);
        Assert.That(result.Error, Is.EqualTo("out of gas"));
        Assert.That(Call(code, limit + 2).Success, Is.True);
    }

    [TestCase(8UL, "out of gas")] // the JUMP paid, not its JUMPDEST
    [TestCase(9UL, null)]
    public void A_jump_to_a_computed_destination_pays_its_jumpdest(ulong afterPushes, string? error)
    {
        // PUSH3 6 JUMP (the general jump), INVALID, JUMPDEST (pc 6), STOP.
        byte[] code = new Bytecode().Raw(0x62, 0, 0, 6).Op(Opcode.JUMP).Op(Opcode.INVALID).Op(Opcode.JUMPDEST).Op(Opcode.STOP).Build();
        ulong limit = 21000UL + 3 + afterPushes;
        var result = Call(code, limit);
        Assert.That(result.Error, Is.EqualTo(error));
        Assert.That(result.GasUsed, Is.EqualTo(limit));
    }

    [TestCase(10UL, "out of gas")]
    [TestCase(11UL, null)]
    public void A_taken_jumpi_to_a_computed_destination_pays_its_jumpdest(ulong afterPushes, string? error)
    {
        // PUSH1 1, PUSH3 8 JUMPI (the general jump), INVALID, JUMPDEST (pc 8), STOP.
        byte[] code = new Bytecode().Push(1).Raw(0x62, 0, 0, 8).Op(Opcode.JUMPI).Op(Opcode.INVALID).Op(Opcode.JUMPDEST).Op(Opcode.STOP).Build();
        ulong limit = 21000UL + 3 + 3 + afterPushes;
        var result = Call(code, limit);
        Assert.That(result.Error, Is.EqualTo(error));
        Assert.That(result.GasUsed, Is.EqualTo(limit));
    }
}
