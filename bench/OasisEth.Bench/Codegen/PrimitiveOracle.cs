using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using OasisEth.Primitives;

namespace OasisEth.Bench.Codegen;

/// <summary>
/// UInt256's EVM operations against <see cref="BigInteger"/> on edge and random operands, in one long loop per run so
/// the same calls execute first as ReadyToRun or tier-0 code and then as tier-1 code (or stay in one of them, as the
/// runtime mode says): a difference between code generations shows as a mismatch at some iteration. Every result is
/// also folded into a digest, equal across modes when every mode computes the same.
/// </summary>
internal static class PrimitiveOracle
{
    private static readonly BigInteger Two256 = BigInteger.One << 256;
    private static readonly BigInteger Two255 = BigInteger.One << 255;
    private static readonly BigInteger Mask64 = (BigInteger.One << 64) - 1;

    /// <summary>Runs <paramref name="rounds"/> rounds over every operation; returns the mismatch count.</summary>
    public static int Run(int rounds, StringBuilder log, out string digest)
    {
        var random = new Random(17);
        UInt256[] edges = Edges();
        int mismatches = 0;
        using var fold = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] word = new byte[32];
        // A few moduli reused often (the Barrett constant is cached per thread for the last one) and fresh ones.
        UInt256[] moduli = [U(BigInteger.Parse("0fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", System.Globalization.NumberStyles.HexNumber)),
            U(BigInteger.Parse("030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47", System.Globalization.NumberStyles.HexNumber)),
            UInt256.MaxValue, Edge(random, edges)];
        for (int i = 0; i < rounds; i++)
        {
            UInt256 a = Operand(random, edges), b = Operand(random, edges);
            UInt256 m = random.Next(3) == 0 ? moduli[random.Next(moduli.Length)] : Operand(random, edges);
            BigInteger A = Big(a), B = Big(b), M = Big(m);
            int shift = random.Next(4) == 0 ? random.Next(300) : (int)(a.u0 & 0x1ff);

            Check(i, "add", a, b, m, Op2(UInt256.Add, a, b), Wrap(A + B));
            Check(i, "sub", a, b, m, Op2(UInt256.Subtract, a, b), Wrap(A - B));
            Check(i, "mul", a, b, m, Op2(UInt256.Multiply, a, b), Wrap(A * B));
            Check(i, "div", a, b, m, Op2(UInt256.Divide, a, b), B.IsZero ? 0 : A / B);
            Check(i, "mod", a, b, m, Op2(UInt256.Mod, a, b), B.IsZero ? 0 : A % B);
            Check(i, "sdiv", a, b, m, Op2(UInt256.SignedDivide, a, b), B.IsZero ? 0 : Wrap(Signed(A) / Signed(B)));
            Check(i, "smod", a, b, m, Op2(UInt256.SignedMod, a, b), B.IsZero ? 0 : Wrap(Signed(A) % Signed(B)));
            Check(i, "addmod", a, b, m, Op3(UInt256.AddMod, a, b, m), M.IsZero ? 0 : (A + B) % M);
            Check(i, "mulmod", a, b, m, Op3(UInt256.MulMod, a, b, m), M.IsZero ? 0 : A * B % M);
            // MULMOD with the result written over an operand (the aliasing every operation must tolerate).
            UInt256 alias = a;
            UInt256.MulMod(in alias, in b, in m, out alias);
            Check(i, "mulmod-alias", a, b, m, alias, M.IsZero ? 0 : A * B % M);
            UInt256 e = random.Next(2) == 0 ? new UInt256(b.u0 & 0x3ff) : b;
            Check(i, "exp", a, e, m, Op2(UInt256.Exp, a, e), BigInteger.ModPow(A, Big(e), Two256));
            Check(i, "shl", a, new UInt256((ulong)shift), m, Shift(UInt256.ShiftLeft, a, shift), shift >= 256 ? 0 : Wrap(A << shift));
            Check(i, "shr", a, new UInt256((ulong)shift), m, Shift(UInt256.ShiftRight, a, shift), shift >= 256 ? 0 : A >> shift);
            Check(i, "sar", a, new UInt256((ulong)shift), m, Shift(UInt256.ShiftRightArithmetic, a, shift),
                Wrap(Signed(A) >> Math.Min(shift, 256)));
            var k = new UInt256(b.u0 % 40);
            Check(i, "signextend", k, a, m, Op2(UInt256.SignExtend, k, a), SignExtend((int)k.u0, A));
            Check(i, "byte", k, a, m, Op2(UInt256.Byte, k, a), k.u0 >= 32 ? 0 : (A >> (8 * (31 - (int)k.u0))) & 0xff);
            Check(i, "lt", a, b, m, UInt256.LessThan(a, b) ? UInt256.One : UInt256.Zero, A < B ? 1 : 0);
            Check(i, "slt", a, b, m, UInt256.SignedLessThan(a, b) ? UInt256.One : UInt256.Zero, Signed(A) < Signed(B) ? 1 : 0);
        }
        digest = Convert.ToHexString(fold.GetHashAndReset());
        return mismatches;

        void Check(int i, string op, in UInt256 x, in UInt256 y, in UInt256 z, in UInt256 got, BigInteger expected)
        {
            got.WriteBigEndian(word);
            fold.AppendData(word);
            if (Big(got) == expected) return;
            if (++mismatches <= 20)
                log.AppendLine($"primitives: round {i} {op}({x}, {y}, {z}) = {got}, BigInteger says {expected:x}");
        }
    }

    private delegate void Binary(in UInt256 a, in UInt256 b, out UInt256 r);
    private delegate void Ternary(in UInt256 a, in UInt256 b, in UInt256 c, out UInt256 r);
    private delegate void ShiftBy(in UInt256 a, int s, out UInt256 r);

    private static UInt256 Op2(Binary f, in UInt256 a, in UInt256 b) { f(a, b, out UInt256 r); return r; }
    private static UInt256 Op3(Ternary f, in UInt256 a, in UInt256 b, in UInt256 c) { f(a, b, c, out UInt256 r); return r; }
    private static UInt256 Shift(ShiftBy f, in UInt256 a, int s) { f(a, s, out UInt256 r); return r; }

    private static UInt256 Operand(Random random, UInt256[] edges) => random.Next(4) switch
    {
        0 => edges[random.Next(edges.Length)],
        1 => Edge(random, edges),
        _ => RandomWord(random),
    };

    /// <summary>Limbs chosen apart: each zero, all ones, small, or random, so every limb-count path is taken.</summary>
    private static UInt256 RandomWord(Random random)
    {
        ulong Limb() => random.Next(5) switch { 0 => 0, 1 => ulong.MaxValue, 2 => (ulong)random.Next(4), _ => (ulong)random.NextInt64() * 2 + (ulong)random.Next(2) };
        return new UInt256(Limb(), Limb(), Limb(), Limb());
    }

    /// <summary>An edge value nudged by a small amount either way.</summary>
    private static UInt256 Edge(Random random, UInt256[] edges) => U(Big(edges[random.Next(edges.Length)]) + random.Next(-2, 3));

    private static UInt256[] Edges()
    {
        var list = new List<UInt256>();
        foreach (int bit in new[] { 0, 1, 63, 64, 127, 128, 191, 192, 254, 255 })
        {
            BigInteger p = BigInteger.One << bit;
            list.Add(U(p)); list.Add(U(p - 1)); list.Add(U(p + 1));
        }
        list.Add(UInt256.MaxValue); list.Add(UInt256.Zero);
        list.Add(U(Two256 - 2)); list.Add(U(Two255 - 1));
        return list.ToArray();
    }

    private static BigInteger Signed(BigInteger v) => v >= Two255 ? v - Two256 : v;
    private static BigInteger Wrap(BigInteger v) { BigInteger r = BigInteger.Remainder(v, Two256); return r.Sign < 0 ? r + Two256 : r; }

    private static BigInteger SignExtend(int k, BigInteger v)
    {
        if (k >= 31) return v;
        int bits = 8 * (k + 1);
        BigInteger low = v & ((BigInteger.One << bits) - 1);
        return (low >> (bits - 1)).IsZero ? low : Wrap(low - (BigInteger.One << bits));
    }

    private static UInt256 U(BigInteger v)
    {
        v = Wrap(v);
        return new UInt256((ulong)(v & Mask64), (ulong)((v >> 64) & Mask64), (ulong)((v >> 128) & Mask64), (ulong)((v >> 192) & Mask64));
    }

    private static BigInteger Big(in UInt256 v) =>
        new BigInteger(v.u0) + (new BigInteger(v.u1) << 64) + (new BigInteger(v.u2) << 128) + (new BigInteger(v.u3) << 192);
}
