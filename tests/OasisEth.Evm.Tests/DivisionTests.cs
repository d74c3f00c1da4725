using OasisEth.Primitives;

namespace OasisEth.Evm.Tests;

/// <summary>
/// DIV by a power of two runs as a shift in the loop; its results must be the general division's for every
/// exponent (each limb boundary), for dividends of every width, and for divisors that only look like powers of
/// two (zero, two bits set).
/// </summary>
public class DivisionTests
{
    private static UInt256 Pow2(int k)
    {
        UInt256.ShiftLeft(UInt256.One, k, out UInt256 r);
        return r;
    }

    private static IEnumerable<UInt256> Dividends()
    {
        var random = new Random(20261125);
        yield return UInt256.Zero;
        yield return UInt256.One;
        yield return UInt256.Parse("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
        for (int limbs = 1; limbs <= 4; limbs++)
        {
            for (int i = 0; i < 3; i++)
            {
                ulong[] u = new ulong[4];
                for (int j = 0; j < limbs; j++) u[j] = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
                yield return new UInt256(u[0], u[1], u[2], u[3]);
            }
        }
    }

    private static IEnumerable<UInt256> Divisors()
    {
        foreach (int k in new[] { 0, 1, 5, 32, 63, 64, 65, 100, 127, 128, 129, 160, 191, 192, 193, 224, 254, 255 }) yield return Pow2(k);
        yield return UInt256.Zero;
        yield return new UInt256(3);
        yield return new UInt256(0, 0, 0, 0x8000000000000001);
        yield return new UInt256(1, 1);
        yield return new UInt256(0, 6);
    }

    [Test]
    public void Div_equals_the_general_division_for_powers_of_two_and_near_misses()
    {
        // One contract per (dividend, all divisors): SSTORE(i, x / d_i) for each divisor.
        UInt256[] divisors = Divisors().ToArray();
        foreach (UInt256 x in Dividends())
        {
            var code = new Bytecode();
            for (int i = 0; i < divisors.Length; i++) code.Push(divisors[i]).Push(x).Op(Opcode.DIV).Push((ulong)i).Op(Opcode.SSTORE);
            var host = new EvmTestHost();
            host.Deploy(EvmTestHost.Contract, code.Op(Opcode.STOP).Build());
            var result = host.Call(EvmTestHost.Contract, [], 10_000_000);
            Assert.That(result.Success, Is.True, result.Error);
            for (int i = 0; i < divisors.Length; i++)
            {
                UInt256.Divide(in x, in divisors[i], out UInt256 expected);
                Assert.That(host.State.GetStorage(EvmTestHost.Contract, new UInt256((ulong)i)), Is.EqualTo(expected),
                    $"{x} / {divisors[i]}");
            }
        }
    }

    [Test]
    public void Shift_by_division_matches_known_values()
    {
        // Independent of UInt256.Divide: 2^255 / 2^128 = 2^127, (2^256 - 1) / 2^192 = 2^64 - 1, 7 / 2 = 3.
        Assert.Multiple(() =>
        {
            Assert.That(DivOnChain(Pow2(255), Pow2(128)), Is.EqualTo(Pow2(127)));
            Assert.That(DivOnChain(UInt256.Parse("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"), Pow2(192)),
                Is.EqualTo(new UInt256(ulong.MaxValue)));
            Assert.That(DivOnChain(new UInt256(7), new UInt256(2)), Is.EqualTo(new UInt256(3)));
            Assert.That(DivOnChain(new UInt256(7), UInt256.Zero), Is.EqualTo(UInt256.Zero));
        });
    }

    private static UInt256 DivOnChain(UInt256 x, UInt256 d)
    {
        var host = new EvmTestHost();
        host.Deploy(EvmTestHost.Contract, new Bytecode().Push(d).Push(x).Op(Opcode.DIV).Push(0).Op(Opcode.SSTORE).Op(Opcode.STOP).Build());
        var result = host.Call(EvmTestHost.Contract, []);
        Assert.That(result.Success, Is.True, result.Error);
        return host.State.GetStorage(EvmTestHost.Contract, UInt256.Zero);
    }
}
