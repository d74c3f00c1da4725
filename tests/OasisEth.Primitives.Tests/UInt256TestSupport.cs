using System.Numerics;
using NUnit.Framework;
using OasisEth.Primitives;

namespace OasisEth.Primitives.Tests;

public delegate void UnaryOp(in UInt256 a, out UInt256 res);
public delegate void BinaryOp(in UInt256 a, in UInt256 b, out UInt256 res);
public delegate bool BinaryFlagOp(in UInt256 a, in UInt256 b, out UInt256 res);
public delegate void TernaryOp(in UInt256 a, in UInt256 b, in UInt256 c, out UInt256 res);
public delegate void ShiftOp(in UInt256 value, int shift, out UInt256 res);
public delegate bool Relation(in UInt256 a, in UInt256 b);

/// <summary>
/// The oracle side of the UInt256 tests: values are built and read through limbs and BigInteger arithmetic only,
/// never through UInt256's own conversions or operations, so a bug in the type cannot hide in its own oracle.
/// </summary>
internal static class UInt256TestSupport
{
    public static readonly BigInteger TwoPow64 = BigInteger.One << 64;
    public static readonly BigInteger TwoPow255 = BigInteger.One << 255;
    public static readonly BigInteger TwoPow256 = BigInteger.One << 256;
    private static readonly BigInteger LimbMask = TwoPow64 - 1;

    /// <summary>The boundary set: limb edges, sign edges and the top of the range, plus mixed-limb values.</summary>
    public static readonly BigInteger[] Boundary = BuildBoundary();

    /// <summary>A smaller set for the three-operand AddMod/MulMod, where all triples are taken.</summary>
    public static readonly BigInteger[] SmallBoundary =
    [
        0, 1, 2, 3,
        (BigInteger.One << 64) - 1, BigInteger.One << 64, BigInteger.One << 127, (BigInteger.One << 128) - 1,
        (BigInteger.One << 192) + 7, TwoPow255, TwoPow256 - 2, TwoPow256 - 1,
        Hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"), // secp256k1 field prime
        Hex("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47"), // bn254 field prime
        Hex("0000000000000000000000000000000100000000000000000000000000000001"),
    ];

    private static BigInteger[] BuildBoundary()
    {
        BigInteger one = BigInteger.One;
        return
        [
            0, 1, 2, 3,
            (one << 63) - 1, one << 63, (one << 64) - 1, one << 64, (one << 64) + 1,
            one << 127, (one << 128) - 1, one << 128, (one << 192) - 1, one << 192,
            TwoPow255 - 1, TwoPow255, TwoPow255 + 1, TwoPow256 - 3, TwoPow256 - 2, TwoPow256 - 1,
            // mixed-limb values
            Hex("0123456789abcdeffedcba98765432100f1e2d3c4b5a69788796a5b4c3d2e1f0"),
            Hex("00000000000000000000000000000000fedcba9876543210fedcba9876543210"),
            Hex("0000000000000000ffffffffffffffff0000000000000000ffffffffffffffff"),
            Hex("8000000000000000000000000000000000000000000000000000000000000001"),
            Hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"),
            Hex("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47"),
            BigInteger.Pow(10, 18), BigInteger.Pow(10, 30) + 17, BigInteger.Pow(10, 77),
            (one << 200) + 12345, 0xdeadbeefUL,
        ];
    }

    public static BigInteger Hex(string digits) => BigInteger.Parse("0" + digits, System.Globalization.NumberStyles.HexNumber);

    public static UInt256 U(BigInteger value)
    {
        BigInteger v = Wrap(value);
        return new UInt256(
            (ulong)(v & LimbMask),
            (ulong)((v >> 64) & LimbMask),
            (ulong)((v >> 128) & LimbMask),
            (ulong)((v >> 192) & LimbMask));
    }

    public static BigInteger Big(in UInt256 v) =>
        new BigInteger(v.u0) + (new BigInteger(v.u1) << 64) + (new BigInteger(v.u2) << 128) + (new BigInteger(v.u3) << 192);

    /// <summary>value mod 2^256 in [0, 2^256).</summary>
    public static BigInteger Wrap(BigInteger value)
    {
        BigInteger r = BigInteger.Remainder(value, TwoPow256);
        return r.Sign < 0 ? r + TwoPow256 : r;
    }

    /// <summary>The two's complement reading of a 256-bit pattern.</summary>
    public static BigInteger Signed(BigInteger value) => value >= TwoPow255 ? value - TwoPow256 : value;

    /// <summary>
    /// Operands of random limb count 1..4 from a fixed seed. A third of the limbs come from edge patterns (0, 1,
    /// 2^63, 2^64-1, ...): uniformly random limbs almost never trigger Knuth's qhat corrections or add-back step.
    /// </summary>
    public static BigInteger[] RandomOperands(int count, int seed)
    {
        ulong[] edges = [0, 1, 2, (1UL << 63) - 1, 1UL << 63, (1UL << 63) + 1, ulong.MaxValue - 1, ulong.MaxValue];
        var random = new Random(seed);
        var result = new BigInteger[count];
        for (int i = 0; i < count; i++)
        {
            int limbs = random.Next(1, 5);
            BigInteger v = 0;
            for (int k = 0; k < limbs; k++)
            {
                ulong limb = random.Next(3) == 0 ? edges[random.Next(edges.Length)] : (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
                v |= new BigInteger(limb) << (64 * k);
            }
            // Make sure the requested width is used: a zero top limb would shorten it.
            if (limbs > 1 && (v >> (64 * (limbs - 1))).IsZero) v |= BigInteger.One << (64 * limbs - 1 - random.Next(64));
            result[i] = v;
        }
        return result;
    }

    public static string Show(BigInteger v) => "0x" + v.ToString("x");

    // A test case of (operation, BigInteger oracle), shown under the operation's name rather than the delegates'.
    public static TestCaseData Case(string name, BinaryOp op, Func<BigInteger, BigInteger, BigInteger> oracle) =>
        new TestCaseData(op, oracle).SetArgDisplayNames(name);

    public static TestCaseData Case(string name, ShiftOp op, Func<BigInteger, int, BigInteger> oracle) =>
        new TestCaseData(op, oracle).SetArgDisplayNames(name);

    public static TestCaseData Case(string name, TernaryOp op, Func<BigInteger, BigInteger, BigInteger, BigInteger> oracle) =>
        new TestCaseData(op, oracle).SetArgDisplayNames(name);

    public static TestCaseData Case(string name, Relation op, Func<BigInteger, BigInteger, bool> oracle) =>
        new TestCaseData(op, oracle).SetArgDisplayNames(name);

    /// <summary>Runs op over every pair and returns a description of the first few mismatches (empty if none).</summary>
    public static List<string> CheckPairs(BigInteger[] xs, BigInteger[] ys, BinaryOp op, Func<BigInteger, BigInteger, BigInteger> oracle)
    {
        var failures = new List<string>();
        foreach (BigInteger x in xs)
        {
            foreach (BigInteger y in ys)
            {
                op(U(x), U(y), out UInt256 r);
                BigInteger expected = Wrap(oracle(x, y));
                BigInteger actual = Big(r);
                if (actual != expected && failures.Count < 5)
                {
                    failures.Add($"({Show(x)}, {Show(y)}): expected {Show(expected)}, got {Show(actual)}");
                }
            }
        }
        return failures;
    }

    /// <summary>Pairs taken index by index (for random operand lists).</summary>
    public static List<string> CheckZip(BigInteger[] xs, BigInteger[] ys, BinaryOp op, Func<BigInteger, BigInteger, BigInteger> oracle)
    {
        var failures = new List<string>();
        for (int i = 0; i < xs.Length; i++)
        {
            op(U(xs[i]), U(ys[i]), out UInt256 r);
            BigInteger expected = Wrap(oracle(xs[i], ys[i]));
            BigInteger actual = Big(r);
            if (actual != expected && failures.Count < 5)
            {
                failures.Add($"({Show(xs[i])}, {Show(ys[i])}): expected {Show(expected)}, got {Show(actual)}");
            }
        }
        return failures;
    }

    /// <summary>Checks op with its output aliasing the first input, then the second input.</summary>
    public static List<string> CheckAliasing(BigInteger[] values, BinaryOp op, Func<BigInteger, BigInteger, BigInteger> oracle)
    {
        var failures = new List<string>();
        foreach (BigInteger x in values)
        {
            foreach (BigInteger y in values)
            {
                BigInteger expected = Wrap(oracle(x, y));
                UInt256 a = U(x), b = U(y);
                op(in a, in b, out a);
                if (Big(a) != expected && failures.Count < 5) failures.Add($"out=a ({Show(x)}, {Show(y)}): got {Show(Big(a))}");
                a = U(x);
                op(in a, in b, out b);
                if (Big(b) != expected && failures.Count < 5) failures.Add($"out=b ({Show(x)}, {Show(y)}): got {Show(Big(b))}");
            }
        }
        return failures;
    }
}
