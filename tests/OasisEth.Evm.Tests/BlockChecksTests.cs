using OasisEth.Evm.CodeAnalysis;
using OasisEth.Evm.Specs;
using OasisEth.Primitives;

namespace OasisEth.Evm.Tests;

/// <summary>
/// The per-block checks the untraced interpreter makes where a block is entered: static gas and stack window of the run
/// from each instruction to the end of its block, worked out by hand (PUSH 3, ADD 3, POP 2, JUMPDEST 1, MSTORE 3 static,
/// JUMP 8). And programs whose block check fails fail exactly where and how the instruction-by-instruction loop fails.
/// </summary>
public class BlockChecksTests
{
    private static readonly ForkSpec Cancun = ForkSpec.Of(Fork.Cancun);

    private static (long Gas, int Low, int High) Entry(BlockChecks checks, int pc)
    {
        ulong e = checks.Table[pc];
        if (e == BlockChecks.AlwaysFails) return (-1, -1, -1);
        int low = (int)((e >> 32) & 0xFFFF) / 32;
        return (BlockChecks.Gas(e), low, low + (int)(e >> 48) / 32);
    }

    [Test]
    public void A_run_sums_static_gas_and_narrows_the_stack_window_to_its_end()
    {
        // 0 PUSH1 1; 2 ADD; 3 JUMPDEST; 4 POP; 5 MSTORE (ends the block); 6 PUSH1 0; 8 JUMP; 9 (end)
        byte[] code = new Bytecode().Push(1).Op(Opcode.ADD).Op(Opcode.JUMPDEST).Op(Opcode.POP).Op(Opcode.MSTORE)
            .Push(0).Op(Opcode.JUMP).Build();
        var checks = new BlockChecks(code, Cancun);
        // From pc 0: PUSH (+1), ADD needs 2 (so 1 before the push), POP needs 1 after ADD, MSTORE needs 2 after POP:
        // heights h+1, h, h-1 must allow 2, 1, 2 → h ≥ 3. Top: PUSH needs h ≤ 1023.
        Assert.That(Entry(checks, 0), Is.EqualTo((3L + 3 + 1 + 2 + 3, 3, 1023)));
        Assert.That(Entry(checks, 3), Is.EqualTo((1L + 2 + 3, 3, 1024)), "a JUMPDEST entry covers the same run's rest");
        Assert.That(Entry(checks, 5), Is.EqualTo((3L, 2, 1024)), "MSTORE is its own block's end");
        Assert.That(Entry(checks, 6), Is.EqualTo((3L + 8, 0, 1023)), "after a block end a new block starts");
        Assert.That(Entry(checks, 9), Is.EqualTo((0L, 0, 1024)), "falling off the end: a STOP");
    }

    [Test]
    public void An_opcode_the_fork_lacks_makes_its_run_always_fail_the_check()
    {
        // PUSH0 is undefined before Shanghai: the run holding it must go to the exact loop, which says "invalid opcode".
        byte[] code = new Bytecode().Push(1).Op(Opcode.PUSH0).Op(Opcode.ADD).Op(Opcode.STOP).Build();
        Assert.That(new BlockChecks(code, ForkSpec.Of(Fork.London)).Table[0], Is.EqualTo(BlockChecks.AlwaysFails));
        Assert.That(Entry(new BlockChecks(code, Cancun), 0), Is.EqualTo((3L + 2 + 3, 0, 1022)));
    }

    [Test]
    public void A_run_no_height_satisfies_always_fails_the_check()
    {
        // POP then 1024 pushes: the POP needs h ≥ 1 and the pushes h - 1 + 1024 ≤ 1024, so only h = 1 fits; 1025
        // pushes fit no height.
        var fits = new Bytecode().Op(Opcode.POP);
        for (int i = 0; i < 1024; i++) fits.Push(1);
        Assert.That(Entry(new BlockChecks(fits.Op(Opcode.STOP).Build(), Cancun), 0).Low, Is.EqualTo(1));
        var overflows = new Bytecode();
        for (int i = 0; i < 1025; i++) overflows.Push(1);
        Assert.That(new BlockChecks(overflows.Op(Opcode.STOP).Build(), Cancun).Table[0], Is.EqualTo(BlockChecks.AlwaysFails));
    }

    [Test]
    public void A_static_jump_links_the_destination_run_into_the_block_that_jumps()
    {
        // 0 PUSH1 5; 2 JUMP; 3 INVALID; 4 INVALID; 5 JUMPDEST; 6 PUSH1 1; 8 POP; 9 STOP
        byte[] code = new Bytecode().Push(5).Op(Opcode.JUMP).Op(Opcode.INVALID).Op(Opcode.INVALID).Op(Opcode.JUMPDEST)
            .Push(1).Op(Opcode.POP).Op(Opcode.STOP).Build();
        var checks = new BlockChecks(code, Cancun);
        Assert.That(Entry(checks, 0), Is.EqualTo((3L + 8 + 1 + 3 + 2, 0, 1023)), "PUSH, JUMP, then the JUMPDEST's run");
        Assert.That(checks.Table[2], Is.EqualTo(BlockChecks.LinkedJump));
        Assert.That(Entry(checks, 5), Is.EqualTo((1L + 3 + 2, 0, 1023)), "the destination keeps its own entry");
    }

    [Test]
    public void A_jump_that_closes_a_loop_stays_unlinked()
    {
        // 0 JUMPDEST; 1 PUSH1 0; 3 JUMP: linking it would charge the loop's every turn at once
        byte[] code = new Bytecode().Op(Opcode.JUMPDEST).Push(0).Op(Opcode.JUMP).Build();
        var checks = new BlockChecks(code, Cancun);
        Assert.That(Entry(checks, 0), Is.EqualTo((1L + 3 + 8, 0, 1023)));
        Assert.That(checks.Table[3], Is.Not.EqualTo(BlockChecks.LinkedJump));
    }

    [TestCase(3UL + 8 + 1 + 3 + 2 - 1, "out of gas")]
    [TestCase(3UL + 8 + 1 + 3 + 2, null)]
    public void A_linked_chain_short_of_gas_fails_as_the_plain_loop_would(ulong execGas, string? error)
    {
        byte[] code = new Bytecode().Push(5).Op(Opcode.JUMP).Op(Opcode.INVALID).Op(Opcode.INVALID).Op(Opcode.JUMPDEST)
            .Push(1).Op(Opcode.POP).Op(Opcode.STOP).Build();
        var host = new EvmTestHost();
        host.Deploy(EvmTestHost.Contract, code);
        var result = host.Call(EvmTestHost.Contract, [], 21_000 + execGas);
        Assert.That(result.Error, Is.EqualTo(error));
        Assert.That(result.GasUsed, Is.EqualTo(21_000 + execGas));
    }

    [TestCase(0UL, "out of gas")] // not even the first PUSH
    [TestCase(8UL, "out of gas")] // the block needs 3+3+3+2 = 11
    [TestCase(11UL, null)]
    public void A_block_without_enough_gas_fails_as_the_plain_loop_would(ulong execGas, string? error)
    {
        byte[] code = new Bytecode().Push(1).Push(2).Op(Opcode.ADD).Op(Opcode.POP).Op(Opcode.STOP).Build();
        var host = new EvmTestHost();
        host.Deploy(EvmTestHost.Contract, code);
        var result = host.Call(EvmTestHost.Contract, [], 21_000 + execGas);
        Assert.That(result.Error, Is.EqualTo(error));
        Assert.That(result.GasUsed, Is.EqualTo(error is null ? 21_000 + 11UL : 21_000 + execGas));
    }

    [Test]
    public void The_first_failing_instruction_names_the_error_even_when_gas_is_short_too()
    {
        // ADD underflows at its turn; the block is also short of gas for its end. Instruction by instruction, the
        // underflow comes first.
        byte[] code = new Bytecode().Push(1).Op(Opcode.ADD).Push(1).Push(1).Push(1).Op(Opcode.STOP).Build();
        var host = new EvmTestHost();
        host.Deploy(EvmTestHost.Contract, code);
        var result = host.Call(EvmTestHost.Contract, [], 21_000 + 7);
        Assert.That(result.Error, Is.EqualTo("stack underflow"));
    }

    [Test]
    public void Gas_reads_the_gas_left_after_its_own_charge_only()
    {
        // PUSH1 0, GAS, then a long run after it: GAS ends its block, so what it pushes does not include the run after it.
        var b = new Bytecode().Push(0).Op(Opcode.GAS).Push(0).Op(Opcode.MSTORE);
        for (int i = 0; i < 50; i++) b.Push(1).Op(Opcode.POP);
        byte[] code = b.Push(32).Push(0).Op(Opcode.RETURN).Build();
        var host = new EvmTestHost();
        host.Deploy(EvmTestHost.Contract, code);
        var result = host.Call(EvmTestHost.Contract, [], 100_000);
        Assert.That(result.Success, Is.True);
        Assert.That(UInt256.FromBigEndian(result.Output).u0, Is.EqualTo(100_000UL - 21_000 - 3 - 2));
    }
}
