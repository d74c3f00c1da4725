using OasisEth.Primitives;

namespace OasisEth.Evm.Tests;

/// <summary>
/// The 1024 call-depth limit, reached through CALL and through CREATE. Run on a thread with a small stack:
/// the interpreter keeps frames on the heap, so depth must not cost .NET stack.
/// </summary>
public class CallDepthTests
{
    private const int SmallStack = 256 * 1024;
    private const ulong HugeGas = 1_000_000_000_000_000; // (63/64)^1024 ~ 1e-7: the deepest frames still get ~1e8 gas

    private static T OnSmallStack<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception e) { failure = e; }
        }, SmallStack);
        thread.Start();
        thread.Join();
        if (failure is not null) throw new AggregateException(failure);
        return result;
    }

    [Test]
    public void Call_recursion_reaches_depth_1024_and_the_next_call_fails()
    {
        var code = new Bytecode()
            .Push(0).Op(Opcode.CALLDATALOAD)                          // d = calldata[0..32]
            .Push(1).Op(Opcode.DUP2).Op(Opcode.SSTORE)                 // SSTORE(d, 1)
            .Push(1).Op(Opcode.ADD)                          // d + 1
            .Push(0).Op(Opcode.MSTORE)                          // MSTORE(0, d + 1)
            // CALL pops gas, to, value, inOffset, inSize, outOffset, outSize: pushed here in reverse.
            .Push(0).Push(0).Push(32).Push(0).Push(0)
            .Op(Opcode.ADDRESS).Op(Opcode.GAS).Op(Opcode.CALL)                // ADDRESS GAS CALL
            .Op(Opcode.STOP)
            .Build();
        var host = new EvmTestHost();
        host.Deploy(EvmTestHost.Contract, code);

        var result = OnSmallStack(() => host.Call(EvmTestHost.Contract, new byte[32], HugeGas));

        Assert.That(result.IsInvalid, Is.False, result.InvalidReason);
        Assert.That(result.Success, Is.True, result.Error);
        Assert.That(host.State.GetStorage(EvmTestHost.Contract, new UInt256(1024)), Is.EqualTo(UInt256.One), "frame at depth 1024 ran");
        Assert.That(host.State.GetStorage(EvmTestHost.Contract, new UInt256(1025)), Is.EqualTo(UInt256.Zero), "no frame at depth 1025");
        Assert.That(host.State.GetStorage(EvmTestHost.Contract, new UInt256(0)), Is.EqualTo(UInt256.One));
    }

    [Test]
    public void Create_recursion_reaches_depth_1024_and_the_next_create_fails()
    {
        // Init code that copies itself to memory and CREATEs a copy of itself, then returns empty code.
        byte[] initCode = new Bytecode()
            .Op(Opcode.CODESIZE).Op(Opcode.PUSH0).Op(Opcode.PUSH0).Op(Opcode.CODECOPY)   // CODECOPY(0, 0, CODESIZE)
            .Op(Opcode.CODESIZE).Op(Opcode.PUSH0).Op(Opcode.PUSH0).Op(Opcode.CREATE)   // CREATE(0, 0, CODESIZE)
            .Op(Opcode.STOP)
            .Build();
        var host = new EvmTestHost();

        var result = OnSmallStack(() => host.Create(initCode, HugeGas));

        Assert.That(result.Success, Is.True, result.Error);
        // The transaction's own creation runs at depth 0, then one contract per depth 1..1024.
        int created = host.State.Dump().Count(a => a.Address != EvmTestHost.Sender && a.Address != EvmTestHost.Coinbase);
        Assert.That(created, Is.EqualTo(1025));
    }
}
