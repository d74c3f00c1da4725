using OasisEth.Primitives;

namespace OasisEth.Evm.Tests;

/// <summary>Gas of small programs, worked out by hand from the EIPs named in each test.</summary>
public class GasTests
{
    private static ulong GasOf(byte[] code, Fork fork, ulong gas = 1_000_000)
    {
        var host = new EvmTestHost { Fork = fork };
        host.Deploy(EvmTestHost.Contract, code);
        var result = host.Call(EvmTestHost.Contract, [], gas);
        Assert.That(result.IsInvalid, Is.False, result.InvalidReason);
        return result.GasUsed;
    }

    [Test]
    public void Eip2929_sload_of_a_cold_slot_costs_2100_and_a_warm_one_100()
    {
        byte[] once = new Bytecode().Push(7).Op(Opcode.SLOAD).Op(Opcode.POP).Op(Opcode.STOP).Build();
        byte[] twice = new Bytecode().Push(7).Op(Opcode.SLOAD).Op(Opcode.POP).Push(7).Op(Opcode.SLOAD).Op(Opcode.POP).Op(Opcode.STOP).Build();
        // PUSH1 (3) + SLOAD + POP (2)
        Assert.That(GasOf(once, Fork.Berlin), Is.EqualTo(21000UL + 3 + 2100 + 2));
        Assert.That(GasOf(twice, Fork.Berlin), Is.EqualTo(21000UL + 3 + 2100 + 2 + 3 + 100 + 2));
        Assert.That(GasOf(once, Fork.Istanbul), Is.EqualTo(21000UL + 3 + 800 + 2), "EIP-1884 price before Berlin");
    }

    [Test]
    public void Eip3529_refund_is_capped_at_a_fifth_of_gas_used_from_London()
    {
        // Clearing a pre-set slot: SSTORE(0, 0) on a slot holding 1.
        byte[] clear = new Bytecode().Push(0).Push(0).Op(Opcode.SSTORE).Op(Opcode.STOP).Build();
        var host = new EvmTestHost { Fork = Fork.London };
        host.State.SetAccount(EvmTestHost.Contract, 1, UInt256.Zero, clear, [new(UInt256.Zero, UInt256.One)]);
        var result = host.Call(EvmTestHost.Contract, []);
        // Cold SSTORE reset 2900 + 2100, refund 4800, capped at gasUsed/5.
        ulong used = 21000 + 3 + 3 + 2900 + 2100;
        Assert.That(result.GasUsed, Is.EqualTo(used - Math.Min(4800, used / 5)));
    }

    [Test]
    public void Memory_expansion_is_quadratic()
    {
        // MSTORE at offset 0x400 touches 33 words: 3*33 + 33*33/512 = 101.
        byte[] code = new Bytecode().Push(1).Push(0x400).Op(Opcode.MSTORE).Op(Opcode.STOP).Build();
        Assert.That(GasOf(code, Fork.Cancun), Is.EqualTo(21000UL + 3 + 3 + 3 + 101));
    }

    [Test]
    public void Eip1153_transient_storage_is_undone_by_a_reverting_call_and_cleared_after_the_transaction()
    {
        // Callee: TSTORE(1, 42) then REVERT. Caller: CALL callee, then TLOAD(1) into storage slot 0.
        var callee = Address.FromLowUlong(0xca11ee);
        byte[] calleeCode = new Bytecode().Push(42).Push(1).Op(Opcode.TSTORE).Push(0).Push(0).Op(Opcode.REVERT).Build();
        byte[] callerCode = new Bytecode()
            .Push(0).Push(0).Push(0).Push(0).Push(0).Push(callee).Op(Opcode.GAS).Op(Opcode.CALL).Op(Opcode.POP)
            .Push(1).Op(Opcode.TLOAD).Push(0).Op(Opcode.SSTORE)
            .Push(5).Push(1).Op(Opcode.TSTORE) // leaves a transient value behind at the end of the transaction
            .Op(Opcode.STOP).Build();
        var host = new EvmTestHost { Fork = Fork.Cancun };
        host.Deploy(callee, calleeCode);
        host.Deploy(EvmTestHost.Contract, callerCode);

        var result = host.Call(EvmTestHost.Contract, []);

        Assert.That(result.Success, Is.True, result.Error);
        Assert.That(host.State.GetStorage(EvmTestHost.Contract, UInt256.Zero), Is.EqualTo(UInt256.Zero));
        Assert.That(host.State.GetTransientStorage(EvmTestHost.Contract, UInt256.One), Is.EqualTo(UInt256.Zero));
    }

    [Test]
    public void Eip5656_mcopy_handles_overlapping_ranges_as_if_through_a_buffer()
    {
        // mem[0..32] = 0x0102..; MCOPY(dest 1, src 0, len 31); store mem[0..32] to slot 0.
        var word = UInt256.Parse("0x0102030405060708091011121314151617181920212223242526272829303132");
        byte[] code = new Bytecode().Push(word).Push(0).Op(Opcode.MSTORE)
            .Push(31).Push(0).Push(1).Op(Opcode.MCOPY)
            .Push(0).Op(Opcode.MLOAD).Push(0).Op(Opcode.SSTORE).Op(Opcode.STOP).Build();
        var host = new EvmTestHost { Fork = Fork.Cancun };
        host.Deploy(EvmTestHost.Contract, code);

        Assert.That(host.Call(EvmTestHost.Contract, []).Success, Is.True);
        Assert.That(host.State.GetStorage(EvmTestHost.Contract, UInt256.Zero),
            Is.EqualTo(UInt256.Parse("0x0101020304050607080910111213141516171819202122232425262728293031")));
    }

    [Test]
    public void Undefined_opcodes_follow_the_fork()
    {
        byte[] push0 = [0x5f, 0x00];
        var shanghai = new EvmTestHost { Fork = Fork.Shanghai };
        shanghai.Deploy(EvmTestHost.Contract, push0);
        Assert.That(shanghai.Call(EvmTestHost.Contract, []).Success, Is.True);
        var paris = new EvmTestHost { Fork = Fork.Paris };
        paris.Deploy(EvmTestHost.Contract, push0);
        var result = paris.Call(EvmTestHost.Contract, [], 100_000);
        Assert.That(result.Success, Is.False);
        Assert.That(result.GasUsed, Is.EqualTo(100_000UL), "an invalid opcode consumes all gas");
    }

    [Test]
    public void Jump_into_push_data_is_rejected()
    {
        // PUSH1 0x5b hides a JUMPDEST byte inside push data at pc 1; JUMP(1) must fail.
        byte[] code = new Bytecode().Raw(0x60, 0x5b).Push(1).Op(Opcode.JUMP).Build();
        var host = new EvmTestHost();
        host.Deploy(EvmTestHost.Contract, code);
        Assert.That(host.Call(EvmTestHost.Contract, []).Error, Is.EqualTo("invalid jump destination"));
    }
}
