using OasisEth.Ewasm.Execution;
using OasisEth.Primitives;
using OasisEth.Transactions;

namespace OasisEth.Ewasm.Tests.Eei;

/// <summary>Each host function through a real transaction: what it gives the contract, what it charges (reference
/// metering: intrinsic 21,000 plus the host charges, instructions free), and how it fails.</summary>
[TestFixture]
public sealed class HostFunctionTests
{
    private const long Intrinsic = 21_000;

    private static string Module(string imports, string body, string fields = "") => $$"""
        (module
          {{imports}}
          (memory 1)
          (export "memory" (memory 0))
          (export "main" (func $main))
          {{fields}}
          (func $main {{body}}))
        """;

    private const string Store = "(import \"ethereum\" \"storageStore\" (func $sstore (param i32 i32)))";
    private const string Load = "(import \"ethereum\" \"storageLoad\" (func $sload (param i32 i32)))";
    private const string Finish = "(import \"ethereum\" \"finish\" (func $finish (param i32 i32)))";
    private const string Revert = "(import \"ethereum\" \"revert\" (func $revert (param i32 i32)))";

    private static (EwasmTestChain Chain, Address Contract, TransactionResult Result) Run(string wat, byte[]? data = null,
        ulong gas = 1_000_000, MeteringMode mode = MeteringMode.Reference)
    {
        var chain = new EwasmTestChain(mode);
        Address contract = chain.Deploy(Wat.Compile(wat));
        return (chain, contract, chain.Call(contract, data, gas));
    }

    [Test]
    public void A_counter_loads_and_stores_and_pays_the_reference_prices()
    {
        // slot 0 (key bytes all zero) += 1, stored big-endian in the last byte of the value.
        string wat = Module(Load + Store, """
            (call $sload (i32.const 0) (i32.const 32))
            (i32.store8 (i32.const 63) (i32.add (i32.load8_u (i32.const 63)) (i32.const 1)))
            (call $sstore (i32.const 0) (i32.const 32))
            """);
        var chain = new EwasmTestChain();
        Address counter = chain.Deploy(Wat.Compile(wat));
        TransactionResult first = chain.Call(counter);
        TransactionResult second = chain.Call(counter);
        Assert.That(first.Success && second.Success, Is.True, first.Error ?? second.Error);
        Assert.That(chain.Storage(counter, 0), Is.EqualTo(new UInt256(2)));
        Assert.That(first.GasUsed, Is.EqualTo((ulong)(Intrinsic + 200 + 20_000)));
        Assert.That(second.GasUsed, Is.EqualTo((ulong)(Intrinsic + 200 + 5_000)));
    }

    [Test]
    public void Finish_returns_its_bytes_and_revert_returns_them_and_undoes_the_writes()
    {
        var (_, _, finished) = Run(Module(Finish, "(call $finish (i32.const 16) (i32.const 4))", "(data (i32.const 16) \"\\de\\ad\\be\\ef\")"));
        Assert.That(finished.Success, Is.True);
        Assert.That(Convert.ToHexStringLower(finished.Output), Is.EqualTo("deadbeef"));

        var (chain, contract, reverted) = Run(Module(Store + Revert, """
            (i32.store8 (i32.const 63) (i32.const 7))
            (call $sstore (i32.const 0) (i32.const 32))
            (call $revert (i32.const 63) (i32.const 1))
            """));
        Assert.That(reverted.Success, Is.False);
        Assert.That(reverted.Output, Is.EqualTo(new byte[] { 7 }));
        Assert.That(chain.Storage(contract, 0), Is.EqualTo(UInt256.Zero));
        Assert.That(reverted.GasUsed, Is.EqualTo((ulong)(Intrinsic + 20_000)), "a revert keeps the unused gas");
    }

    [Test]
    public void Call_data_is_copied_and_a_copy_past_its_end_traps_with_all_gas()
    {
        const string imports = Finish
            + "(import \"ethereum\" \"getCallDataSize\" (func $size (result i32)))"
            + "(import \"ethereum\" \"callDataCopy\" (func $copy (param i32 i32 i32)))";
        string echo = Module(imports, "(call $copy (i32.const 0) (i32.const 0) (call $size)) (call $finish (i32.const 0) (call $size))");
        var (_, _, ok) = Run(echo, [1, 2, 3]);
        Assert.That(ok.Output, Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(ok.GasUsed, Is.EqualTo((ulong)(Intrinsic + 3 * 16 + 2 + (3 + 3) + 2)));

        string past = Module(imports, "(call $copy (i32.const 0) (i32.const 1) (i32.const 3))");
        var (_, _, trapped) = Run(past, [1, 2, 3], gas: 100_000);
        Assert.That(trapped.Success, Is.False);
        Assert.That(trapped.GasUsed, Is.EqualTo(100_000UL));
    }

    [TestCase("(call $finish (i32.const 65530) (i32.const 7))", TestName = "finish past the end of memory")]
    [TestCase("(call $finish (i32.const -1) (i32.const 2))", TestName = "finish with a wrapping range")]
    [TestCase("(unreachable)", TestName = "unreachable")]
    [TestCase("(drop (i32.div_u (i32.const 1) (i32.const 0)))", TestName = "division by zero")]
    [TestCase("(drop (i32.load (i32.const 65535)))", TestName = "a load past the end of memory")]
    public void A_trap_fails_the_frame_and_consumes_all_its_gas(string body)
    {
        var (_, _, result) = Run(Module(Finish, body), gas: 90_000);
        Assert.That(result.Success, Is.False);
        Assert.That(result.GasUsed, Is.EqualTo(90_000UL));
    }

    [Test]
    public void Getters_report_the_message_block_and_transaction()
    {
        const string imports = Finish
            + "(import \"ethereum\" \"getAddress\" (func $address (param i32)))"
            + "(import \"ethereum\" \"getCaller\" (func $caller (param i32)))"
            + "(import \"ethereum\" \"getTxOrigin\" (func $origin (param i32)))"
            + "(import \"ethereum\" \"getBlockCoinbase\" (func $coinbase (param i32)))"
            + "(import \"ethereum\" \"getBlockNumber\" (func $number (result i64)))"
            + "(import \"ethereum\" \"getBlockTimestamp\" (func $time (result i64)))"
            + "(import \"ethereum\" \"getBlockGasLimit\" (func $limit (result i64)))"
            + "(import \"ethereum\" \"getCodeSize\" (func $codeSize (result i32)))"
            + "(import \"ethereum\" \"getCallValue\" (func $value (param i32)))";
        string wat = Module(imports, """
            (call $address (i32.const 0))
            (call $caller (i32.const 20))
            (call $origin (i32.const 40))
            (call $coinbase (i32.const 60))
            (i64.store (i32.const 80) (call $number))
            (i64.store (i32.const 88) (call $time))
            (i64.store (i32.const 96) (call $limit))
            (i32.store (i32.const 104) (call $codeSize))
            (call $value (i32.const 108))
            (call $finish (i32.const 0) (i32.const 124))
            """);
        var chain = new EwasmTestChain();
        byte[] code = Wat.Compile(wat);
        Address contract = chain.Deploy(code);
        TransactionResult r = chain.Call(contract, value: new UInt256(0x1234));
        Assert.That(r.Success, Is.True, r.Error);
        byte[] o = r.Output;
        Assert.That(new Address(o.AsSpan(0, 20)), Is.EqualTo(contract));
        Assert.That(new Address(o.AsSpan(20, 20)), Is.EqualTo(EwasmTestChain.Sender));
        Assert.That(new Address(o.AsSpan(40, 20)), Is.EqualTo(EwasmTestChain.Sender));
        Assert.That(new Address(o.AsSpan(60, 20)), Is.EqualTo(EwasmTestChain.Coinbase));
        Assert.That(BitConverter.ToInt64(o, 80), Is.EqualTo(10));
        Assert.That(BitConverter.ToInt64(o, 88), Is.EqualTo(1000));
        Assert.That(BitConverter.ToInt64(o, 96), Is.EqualTo(30_000_000));
        Assert.That(BitConverter.ToInt32(o, 104), Is.EqualTo(code.Length));
        Assert.That(Convert.ToHexStringLower(o.AsSpan(108, 16)), Is.EqualTo("34120000000000000000000000000000"), "u128 little-endian");
    }

    [Test]
    public void Block_hashes_of_the_last_256_blocks_are_given_and_others_answer_1()
    {
        const string imports = Finish + "(import \"ethereum\" \"getBlockHash\" (func $hash (param i64 i32) (result i32)))";
        string wat = Module(imports, """
            (i32.store (i32.const 100) (call $hash (i64.const 9) (i32.const 0)))
            (i32.store (i32.const 104) (call $hash (i64.const 10) (i32.const 32)))
            (i32.store (i32.const 108) (call $hash (i64.const -1) (i32.const 32)))
            (call $finish (i32.const 0) (i32.const 112))
            """);
        var (_, _, r) = Run(wat);
        Assert.That(r.Success, Is.True, r.Error);
        Assert.That(r.Output.AsSpan(0, 32).ToArray(), Is.EqualTo(Keccak.Compute(BitConverter.GetBytes(9UL)).ToArray()));
        Assert.That(BitConverter.ToInt32(r.Output, 100), Is.Zero);
        Assert.That(BitConverter.ToInt32(r.Output, 104), Is.EqualTo(1), "the current block has no hash yet");
        Assert.That(BitConverter.ToInt32(r.Output, 108), Is.EqualTo(1));
        Assert.That(r.Output.AsSpan(32, 32).ToArray(), Is.All.Zero, "memory untouched on failure");
    }

    [Test]
    public void Logs_carry_topics_and_data_and_more_than_four_topics_fail()
    {
        const string imports = "(import \"ethereum\" \"log\" (func $log (param i32 i32 i32 i32 i32 i32 i32)))";
        var (_, contract, r) = Run(Module(imports, "(call $log (i32.const 64) (i32.const 3) (i32.const 2) (i32.const 0) (i32.const 32) (i32.const 0) (i32.const 0))",
            "(data (i32.const 31) \"\\01\") (data (i32.const 63) \"\\02\") (data (i32.const 64) \"abc\")"));
        Assert.That(r.Success, Is.True, r.Error);
        Assert.That(r.Logs, Has.Count.EqualTo(1));
        Assert.That(r.Logs[0].Address, Is.EqualTo(contract));
        Assert.That(r.Logs[0].Topics.Select(t => t.ToWord()), Is.EqualTo(new[] { UInt256.One, new UInt256(2) }));
        Assert.That(r.Logs[0].Data, Is.EqualTo("abc"u8.ToArray()));
        Assert.That(r.GasUsed, Is.EqualTo((ulong)(Intrinsic + 375 + 2 * 375 + 3 * 8)));

        var (_, _, five) = Run(Module(imports, "(call $log (i32.const 0) (i32.const 0) (i32.const 5) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))"), gas: 80_000);
        Assert.That(five.Success, Is.False);
        Assert.That(five.GasUsed, Is.EqualTo(80_000UL));
    }

    [Test]
    public void UseGas_charges_and_negative_or_excessive_amounts_fail()
    {
        const string imports = "(import \"ethereum\" \"useGas\" (func $use (param i64)))"
            + "(import \"ethereum\" \"getGasLeft\" (func $left (result i64)))" + Finish;
        var (_, _, r) = Run(Module(imports, "(call $use (i64.const 1000)) (i64.store (i32.const 0) (call $left)) (call $finish (i32.const 0) (i32.const 8))"), gas: 100_000);
        Assert.That(r.Success, Is.True, r.Error);
        Assert.That(BitConverter.ToInt64(r.Output), Is.EqualTo(100_000 - Intrinsic - 1000 - 2));
        Assert.That(Run(Module(imports, "(call $use (i64.const -1))"), gas: 50_000).Result.GasUsed, Is.EqualTo(50_000UL));
        Assert.That(Run(Module(imports, "(call $use (i64.const 1000000))"), gas: 50_000).Result.Success, Is.False);
    }

    [Test]
    public void Writes_in_a_static_call_fail_the_callee()
    {
        const string caller = "(import \"ethereum\" \"callStatic\" (func $static (param i64 i32 i32 i32) (result i32)))" + Finish;
        var chain = new EwasmTestChain();
        Address writer = chain.Deploy(Wat.Compile(Module(Store, "(call $sstore (i32.const 0) (i32.const 0))")));
        string wat = Module(caller, $"(i32.store (i32.const 64) (call $static (i64.const 50000) (i32.const 0) (i32.const 0) (i32.const 0))) (call $finish (i32.const 64) (i32.const 4))",
            $"(data (i32.const 0) \"{Escape(writer.Bytes)}\")");
        Address outer = chain.Deploy(Wat.Compile(wat));
        TransactionResult r = chain.Call(outer, gas: 200_000);
        Assert.That(r.Success, Is.True, r.Error);
        Assert.That(BitConverter.ToInt32(r.Output), Is.EqualTo(1), "the static callee failed");
    }

    [Test]
    public void An_endless_loop_ends_out_of_gas_in_both_meterings()
    {
        string loop = Module("", "(loop $l (br $l))");
        var (_, _, chain) = Run(loop, gas: 1_000_000, mode: MeteringMode.Chain);
        Assert.That(chain.Success, Is.False);
        Assert.That(chain.GasUsed, Is.EqualTo(1_000_000UL));
        var (_, _, reference) = Run(loop, gas: 1_000_000, mode: MeteringMode.Reference);
        Assert.That(reference.Success, Is.False);
        Assert.That(reference.GasUsed, Is.EqualTo(1_000_000UL));
    }

    [Test]
    public void Chain_metering_charges_instructions_and_memory_pages()
    {
        string counted = Module(Finish, "(local i32) (loop $l (local.set 0 (i32.add (local.get 0) (i32.const 1))) (br_if $l (i32.lt_u (local.get 0) (i32.const 1000))))");
        var (_, _, reference) = Run(counted, mode: MeteringMode.Reference);
        var (_, _, chain) = Run(counted, mode: MeteringMode.Chain);
        Assert.That(reference.GasUsed, Is.EqualTo((ulong)Intrinsic));
        long charged = (long)chain.GasUsed - Intrinsic - EeiPricing.MemoryPageGas;
        Assert.That(charged, Is.InRange(5_000, 10_000), "about seven fuel units per iteration");

        string grows = Module(Finish, "(drop (memory.grow (i32.const 3))) (call $finish (i32.const 0) (i32.const 0))");
        var (_, _, grown) = Run(grows, mode: MeteringMode.Chain);
        Assert.That((long)grown.GasUsed - Intrinsic, Is.InRange(4 * EeiPricing.MemoryPageGas, 4 * EeiPricing.MemoryPageGas + 20));
    }

    [Test]
    public void Deep_recursion_inside_wasm_fails_the_frame_cleanly()
    {
        string wat = Module("", "(call $f)", "(func $f (call $f))");
        var (_, _, r) = Run(wat, gas: 70_000);
        Assert.That(r.Success, Is.False);
        Assert.That(r.GasUsed, Is.EqualTo(70_000UL));
    }

    [Test]
    public void Memory_cannot_grow_past_the_limit()
    {
        string wat = Module(Finish, "(i32.store (i32.const 0) (memory.grow (i32.const 2000))) (call $finish (i32.const 0) (i32.const 4))");
        var (_, _, r) = Run(wat);
        Assert.That(r.Success, Is.True, r.Error);
        Assert.That(BitConverter.ToInt32(r.Output), Is.EqualTo(-1));
    }

    internal static string Escape(ReadOnlySpan<byte> bytes) => string.Concat(bytes.ToArray().Select(b => $"\\{b:x2}"));
}
