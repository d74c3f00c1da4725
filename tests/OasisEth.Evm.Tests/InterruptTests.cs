using System.Diagnostics;
using OasisEth.Primitives;

namespace OasisEth.Evm.Tests;

/// <summary>
/// The RPC interrupt: a signalled token stops the interpreter at the next taken jump or frame start, the whole
/// message fails with "execution aborted" (every frame reverted, no caller code runs on), and an unsignalled token
/// changes nothing.
/// </summary>
public class InterruptTests
{
    private const ulong HugeGas = 1_000_000_000_000_000; // would run for hours

    private static readonly Address Looper = Address.FromLowUlong(0x100);
    private static readonly Address Caller = Address.FromLowUlong(0x200);

    /// <summary>JUMPDEST PUSH1 0 JUMP: an endless loop of backward jumps.</summary>
    private static byte[] EndlessLoop() => new Bytecode().Op(Opcode.JUMPDEST).Push(0).Op(Opcode.JUMP).Build();

    /// <summary>CALL(all gas, target) and then SSTORE(1, 1): the store shows whether the caller ran on.</summary>
    private static byte[] CallThenStore(Address target) => new Bytecode()
        .Push(0).Push(0).Push(0).Push(0).Push(0).Push(target).Op(Opcode.GAS).Op(Opcode.CALL).Op(Opcode.POP)
        .Store(1, 1)
        .Op(Opcode.STOP)
        .Build();

    [Test]
    public void An_endless_loop_stops_soon_after_the_signal()
    {
        var host = new EvmTestHost();
        host.Deploy(Looper, EndlessLoop());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        long started = Stopwatch.GetTimestamp();
        var result = host.Call(Looper, [], HugeGas, cts.Token);
        TimeSpan took = Stopwatch.GetElapsedTime(started);

        Assert.That(result.Success, Is.False);
        Assert.That(result.Error, Is.EqualTo("execution aborted"));
        Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(5)), "the loop ran on after the signal");
    }

    [Test]
    public void A_loop_in_a_child_frame_ends_the_whole_message_and_the_caller_does_not_run_on()
    {
        var host = new EvmTestHost();
        host.Deploy(Looper, EndlessLoop());
        host.Deploy(Caller, CallThenStore(Looper));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var result = host.Call(Caller, [], HugeGas, cts.Token);

        Assert.That(result.Error, Is.EqualTo("execution aborted"));
        Assert.That(host.State.GetStorage(Caller, UInt256.One), Is.EqualTo(UInt256.Zero));
    }

    [Test]
    public void A_signalled_token_stops_straight_line_code_at_its_frame_start()
    {
        var host = new EvmTestHost();
        host.Deploy(Caller, new Bytecode().Store(1, 1).Op(Opcode.STOP).Build());
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var interrupted = host.Call(Caller, [], 100_000, cts.Token);
        Assert.That(interrupted.Error, Is.EqualTo("execution aborted"));
        Assert.That(host.State.GetStorage(Caller, UInt256.One), Is.EqualTo(UInt256.Zero));

        var plain = host.Call(Caller, [], 100_000);
        Assert.That(plain.Success, Is.True);
        Assert.That(host.State.GetStorage(Caller, UInt256.One), Is.EqualTo(UInt256.One));
    }

    [Test]
    public void An_unsignalled_token_gives_the_same_result_as_none()
    {
        // A bounded loop: 200 backward jumps, then stores the counter and returns it.
        byte[] counter = new Bytecode()
            .Push(0)                                        // i
            .Op(Opcode.JUMPDEST)                                       // pc 2: JUMPDEST
            .Push(1).Op(Opcode.ADD)                               // i + 1
            .Op(Opcode.DUP1).Push(200).Op(Opcode.GT)                    // 200 > i ?  (GT pops a=200, b=i: a > b)
            .Push(2).Op(Opcode.JUMPI)                               // JUMPI back while i < 200
            .Op(Opcode.DUP1).Push(0).Op(Opcode.SSTORE)                      // SSTORE(0, i)
            .Push(0).Op(Opcode.MSTORE).Push(32).Push(0).Op(Opcode.RETURN)     // MSTORE(0, i) RETURN(0, 32)
            .Build();
        var withNone = new EvmTestHost();
        withNone.Deploy(Looper, counter);
        var withToken = new EvmTestHost();
        withToken.Deploy(Looper, counter);
        using var cts = new CancellationTokenSource();

        var a = withNone.Call(Looper, []);
        var b = withToken.Call(Looper, [], 1_000_000, cts.Token);

        Assert.That(a.Success, Is.True, a.Error);
        Assert.That(UInt256.FromBigEndian(a.Output), Is.EqualTo(new UInt256(200)));
        Assert.That(b.Success, Is.True);
        Assert.That(b.GasUsed, Is.EqualTo(a.GasUsed));
        Assert.That(b.Output, Is.EqualTo(a.Output));
    }
}
