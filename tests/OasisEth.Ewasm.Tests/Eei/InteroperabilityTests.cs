using OasisEth.Ewasm.Execution;
using OasisEth.Primitives;
using OasisEth.Transactions;

namespace OasisEth.Ewasm.Tests.Eei;

/// <summary>EVM and Ewasm contracts calling each other in the same frames: results, return data, reverts, creations,
/// and the shared 1,024 depth limit.</summary>
[TestFixture]
public sealed class InteroperabilityTests
{
    private static readonly Address EvmAddress = Address.Parse("0x000000000000000000000000000000000000e0e0");
    private static readonly Address WasmAddress = Address.Parse("0x000000000000000000000000000000000000a5a5");

    private const string Imports = """
        (import "ethereum" "call" (func $call (param i64 i32 i32 i32 i32) (result i32)))
        (import "ethereum" "create" (func $create (param i32 i32 i32 i32) (result i32)))
        (import "ethereum" "getGasLeft" (func $gasLeft (result i64)))
        (import "ethereum" "getReturnDataSize" (func $rdSize (result i32)))
        (import "ethereum" "returnDataCopy" (func $rdCopy (param i32 i32 i32)))
        (import "ethereum" "callDataCopy" (func $copy (param i32 i32 i32)))
        (import "ethereum" "storageStore" (func $sstore (param i32 i32)))
        (import "ethereum" "finish" (func $finish (param i32 i32)))
        (import "ethereum" "revert" (func $revert (param i32 i32)))
        """;

    private static byte[] Wasm(string body, string fields = "") => Wat.Compile($$"""
        (module {{Imports}} (memory 1) (export "memory" (memory 0)) (export "main" (func $main)) {{fields}} (func $main (local $n i32) (local $r i32) {{body}}))
        """);

    private static string AddressData(int offset, Address address) => $"(data (i32.const {offset}) \"{HostFunctionTests.Escape(address.Bytes)}\")";

    /// <summary>Calls the contract at memory 200 with no value and no data, then finishes with [result (4 bytes LE), return data].</summary>
    private static byte[] WasmCaller(Address callee) => Wasm("""
        (local.set $r (call $call (call $gasLeft) (i32.const 200) (i32.const 240) (i32.const 0) (i32.const 0)))
        (i32.store (i32.const 300) (local.get $r))
        (call $rdCopy (i32.const 304) (i32.const 0) (call $rdSize))
        (call $finish (i32.const 300) (i32.add (i32.const 4) (call $rdSize)))
        """, AddressData(200, callee));

    [Test]
    public void Ewasm_calls_an_EVM_contract_and_reads_its_return_data()
    {
        var chain = new EwasmTestChain(MeteringMode.Chain);
        chain.Deploy(EvmAddress, Convert.FromHexString("602a60005360016000f3")); // mstore8(0, 42) return(0, 1)
        Address caller = chain.Deploy(WasmCaller(EvmAddress));
        TransactionResult r = chain.Call(caller, gas: 200_000);
        Assert.That(r.Success, Is.True, r.Error);
        Assert.That(Convert.ToHexStringLower(r.Output), Is.EqualTo("000000002a"));
    }

    [Test]
    public void An_EVM_revert_reaches_the_Ewasm_caller_as_2_with_its_data()
    {
        var chain = new EwasmTestChain(MeteringMode.Chain);
        chain.Deploy(EvmAddress, Convert.FromHexString("604260005360016000fd")); // mstore8(0, 0x42) revert(0, 1)
        Address caller = chain.Deploy(WasmCaller(EvmAddress));
        TransactionResult r = chain.Call(caller, gas: 200_000);
        Assert.That(Convert.ToHexStringLower(r.Output), Is.EqualTo("0200000042"));
    }

    [Test]
    public void An_EVM_contract_calls_Ewasm_and_sees_its_revert_and_its_output()
    {
        var chain = new EwasmTestChain(MeteringMode.Chain);
        chain.Deploy(WasmAddress, Wasm("(call $revert (i32.const 0) (i32.const 2))", "(data (i32.const 0) \"\\be\\ef\")"));
        // success = call(gas, wasm, 0, 0, 0, 0, 0); mstore8(0, success); returndatacopy(1, 0, returndatasize); return(0, 1 + size)
        byte[] evm = Convert.FromHexString("6000600060006000600073" + Convert.ToHexStringLower(WasmAddress.Bytes) + "5af1600053" + "3d600060013e" + "3d60010160" + "00f3");
        chain.Deploy(EvmAddress, evm);
        TransactionResult r = chain.Call(EvmAddress, gas: 200_000);
        Assert.That(r.Success, Is.True, r.Error);
        Assert.That(Convert.ToHexStringLower(r.Output), Is.EqualTo("00beef"));

        chain.Deploy(WasmAddress, Wasm("(call $finish (i32.const 0) (i32.const 2))", "(data (i32.const 0) \"\\ca\\fe\")"));
        Assert.That(Convert.ToHexStringLower(chain.Call(EvmAddress, gas: 200_000).Output), Is.EqualTo("01cafe"));
    }

    [Test]
    public void Mutual_recursion_between_EVM_and_Ewasm_stops_at_depth_1024()
    {
        var chain = new EwasmTestChain(MeteringMode.Chain);
        // EVM: n = calldataload(0); if n == 0 stop; mstore(0, n - 1); call(gas, wasm, 0, 0, 32, 0, 0); stop
        byte[] evm = Convert.FromHexString("600035801560" + "32" + "57" + "600190036000526000600060206000600073" + Convert.ToHexStringLower(WasmAddress.Bytes) + "5af150005b00");
        Assert.That(evm[0x32], Is.EqualTo(0x5b), "the jump target is the JUMPDEST");
        chain.Deploy(EvmAddress, evm);
        // Ewasm: copy n (32 bytes, big-endian) to 0; store it at key 0 (96..128 is zero); if n > 0 call the EVM with n - 1.
        chain.Deploy(WasmAddress, Wasm("""
            (call $copy (i32.const 0) (i32.const 0) (i32.const 32))
            (call $sstore (i32.const 96) (i32.const 0))
            (local.set $n (i32.or (i32.or (i32.shl (i32.load8_u (i32.const 28)) (i32.const 24)) (i32.shl (i32.load8_u (i32.const 29)) (i32.const 16)))
                                  (i32.or (i32.shl (i32.load8_u (i32.const 30)) (i32.const 8)) (i32.load8_u (i32.const 31)))))
            (if (i32.eqz (local.get $n)) (then (return)))
            (local.set $n (i32.sub (local.get $n) (i32.const 1)))
            (i32.store8 (i32.const 92) (i32.shr_u (local.get $n) (i32.const 24)))
            (i32.store8 (i32.const 93) (i32.shr_u (local.get $n) (i32.const 16)))
            (i32.store8 (i32.const 94) (i32.shr_u (local.get $n) (i32.const 8)))
            (i32.store8 (i32.const 95) (local.get $n))
            (drop (call $call (call $gasLeft) (i32.const 200) (i32.const 240) (i32.const 64) (i32.const 32)))
            """, AddressData(200, EvmAddress)));

        byte[] start = new byte[32];
        start[30] = 1100 >> 8;
        start[31] = 1100 & 0xff;
        // The 63/64 rule needs a lot of gas at the top for 1,024 levels of 14,336-gas wasm memory and storage writes.
        TransactionResult r = chain.Call(WasmAddress, start, gas: 100_000_000_000_000);
        Assert.That(r.Success, Is.True, r.Error);
        // Frames at depths 0..1024 ran (W at the even ones); the deepest W, at 1024, wrote n = 1100 - 1024 last.
        Assert.That(chain.Storage(WasmAddress, 0).u0, Is.EqualTo(1100UL - 1024));
    }

    [Test]
    public void Ewasm_creates_Ewasm_and_EVM_contracts_and_refuses_invalid_wasm_code()
    {
        byte[] runtime = Wasm("(call $finish (i32.const 0) (i32.const 1))", "(data (i32.const 0) \"\\07\")");
        byte[] constructorOf(byte[] code) => Wasm($"(call $finish (i32.const 1024) (i32.const {code.Length}))",
            $"(data (i32.const 1024) \"{HostFunctionTests.Escape(code)}\")");
        byte[] creatorOf(byte[] init) => Wasm($"""
            (i32.store (i32.const 300) (call $create (i32.const 240) (i32.const 1024) (i32.const {init.Length}) (i32.const 304)))
            (call $finish (i32.const 300) (i32.const 24))
            """, $"(data (i32.const 1024) \"{HostFunctionTests.Escape(init)}\")");

        var chain = new EwasmTestChain(MeteringMode.Chain);
        TransactionResult wasm = chain.Call(chain.Deploy(creatorOf(constructorOf(runtime))), gas: 5_000_000);
        Assert.That(BitConverter.ToInt32(wasm.Output), Is.Zero, wasm.Error);
        var created = new Address(wasm.Output.AsSpan(4, 20));
        Assert.That(chain.State.GetCode(created), Is.EqualTo(runtime));
        Assert.That(chain.Call(created).Output, Is.EqualTo(new byte[] { 7 }));

        TransactionResult evm = chain.Call(chain.Deploy(creatorOf(constructorOf(Convert.FromHexString("6001")))), gas: 5_000_000);
        Assert.That(BitConverter.ToInt32(evm.Output), Is.Zero, "bytes without the magic are stored as they are");
        Assert.That(chain.State.GetCode(new Address(evm.Output.AsSpan(4, 20))), Is.EqualTo(new byte[] { 0x60, 0x01 }));

        byte[] withStart = Wat.Contract(fields: "(func $s) (start $s)");
        TransactionResult refused = chain.Call(chain.Deploy(creatorOf(constructorOf(withStart))), gas: 5_000_000);
        Assert.That(BitConverter.ToInt32(refused.Output), Is.EqualTo(1), "a constructor returning an invalid contract fails");
    }

    [Test]
    public void A_creation_transaction_with_an_invalid_contract_fails_with_all_its_gas()
    {
        var chain = new EwasmTestChain(MeteringMode.Chain);
        TransactionResult r = chain.Create(Wat.Contract(fields: "(func $s) (start $s)"), gas: 500_000);
        Assert.That(r.Success, Is.False);
        Assert.That(r.GasUsed, Is.EqualTo(500_000UL));
    }
}
