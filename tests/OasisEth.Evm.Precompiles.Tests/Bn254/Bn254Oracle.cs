using System.Numerics;
using OasisEth.Evm.Precompiles.Bn254;

namespace OasisEth.Evm.Precompiles.Tests.Bn254;

/// <summary>
/// Plain BigInteger arithmetic for BN254, the oracle the Montgomery code is checked against, plus conversions
/// between the two and fixed-seed random values.
/// </summary>
internal static class Bn254Oracle
{
    public static readonly BigInteger U = 4965661367192848881;

    /// <summary>p and r from their BN polynomials in u, so the constants in the code are checked against the definition.</summary>
    public static readonly BigInteger P = 36 * BigInteger.Pow(U, 4) + 36 * BigInteger.Pow(U, 3) + 24 * U * U + 6 * U + 1;

    public static readonly BigInteger R = 36 * BigInteger.Pow(U, 4) + 36 * BigInteger.Pow(U, 3) + 18 * U * U + 6 * U + 1;

    public static BigInteger Mod(BigInteger x)
    {
        BigInteger m = x % P;
        return m.Sign < 0 ? m + P : m;
    }

    public static byte[] ToBytes32(BigInteger x)
    {
        byte[] bytes = new byte[32];
        x.TryWriteBytes(bytes.AsSpan(32 - x.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return bytes;
    }

    public static BigInteger FromBytes(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    public static Fp ToFp(BigInteger x)
    {
        if (!Fp.TryRead(ToBytes32(Mod(x)), out Fp value)) throw new InvalidOperationException("not reduced");
        return value;
    }

    public static BigInteger FromFp(in Fp x)
    {
        byte[] bytes = new byte[32];
        x.Write(bytes);
        return FromBytes(bytes);
    }

    public static Fp2 ToFp2((BigInteger Re, BigInteger Im) x) => new(ToFp(x.Re), ToFp(x.Im));

    public static (BigInteger Re, BigInteger Im) FromFp2(in Fp2 x) => (FromFp(x.A), FromFp(x.B));

    public static BigInteger RandomBelow(Random random, BigInteger bound)
    {
        byte[] bytes = new byte[33];
        random.NextBytes(bytes);
        bytes[^1] = 0; // little-endian, positive
        return new BigInteger(bytes) % bound;
    }

    public static Fp RandomFp(Random random) => ToFp(RandomBelow(random, P));

    public static Fp2 RandomFp2(Random random) => new(RandomFp(random), RandomFp(random));

    public static Fp6 RandomFp6(Random random) => new(RandomFp2(random), RandomFp2(random), RandomFp2(random));

    public static Fp12 RandomFp12(Random random) => new(RandomFp6(random), RandomFp6(random));

    // F_p2 oracle: (re, im) pairs.
    public static (BigInteger, BigInteger) Mul2((BigInteger Re, BigInteger Im) a, (BigInteger Re, BigInteger Im) b) =>
        (Mod(a.Re * b.Re - a.Im * b.Im), Mod(a.Re * b.Im + a.Im * b.Re));

    public static (BigInteger, BigInteger) Pow2((BigInteger, BigInteger) a, BigInteger e)
    {
        (BigInteger, BigInteger) result = (1, 0);
        while (e > 0)
        {
            if (!e.IsEven) result = Mul2(result, a);
            a = Mul2(a, a);
            e >>= 1;
        }
        return result;
    }

    /// <summary>A square root in F_p2 (p ≡ 3 mod 4), or null when there is none.</summary>
    public static (BigInteger, BigInteger)? Sqrt2((BigInteger Re, BigInteger Im) a)
    {
        BigInteger norm = Mod(a.Re * a.Re + a.Im * a.Im);
        BigInteger t = BigInteger.ModPow(norm, (P + 1) / 4, P);
        if (Mod(t * t) != norm) return null;
        BigInteger inv2 = (P + 1) / 2;
        foreach (BigInteger candidate in new[] { Mod((a.Re + t) * inv2), Mod((a.Re - t) * inv2) })
        {
            BigInteger x0 = BigInteger.ModPow(candidate, (P + 1) / 4, P);
            if (Mod(x0 * x0) != candidate || x0.IsZero) continue;
            BigInteger x1 = Mod(a.Im * BigInteger.ModPow(2 * x0, P - 2, P));
            (BigInteger, BigInteger) root = (x0, x1);
            if (Mul2(root, root) == (a.Re, a.Im)) return root;
        }
        return null;
    }

    /// <summary>x^e in F_p12 by square-and-multiply with the plain (non-cyclotomic) squaring.</summary>
    public static Fp12 Pow12(in Fp12 x, BigInteger e)
    {
        Fp12 result = Fp12.One;
        for (long bit = (long)e.GetBitLength() - 1; bit >= 0; bit--)
        {
            result = Fp12.Square(result);
            if (!((e >> (int)bit) & 1).IsZero) result = Fp12.Multiply(result, x);
        }
        return result;
    }

    public static byte[] G1Bytes(in JacobianPoint<Fp> point)
    {
        byte[] bytes = new byte[64];
        G1.Write(point, bytes);
        return bytes;
    }

    /// <summary>EIP-197 encoding of an affine G2 point: x.im, x.re, y.im, y.re.</summary>
    public static byte[] G2Bytes(in G2Affine q)
    {
        byte[] bytes = new byte[128];
        q.X.B.Write(bytes.AsSpan(0, 32));
        q.X.A.Write(bytes.AsSpan(32, 32));
        q.Y.B.Write(bytes.AsSpan(64, 32));
        q.Y.A.Write(bytes.AsSpan(96, 32));
        return bytes;
    }

    public static byte[] G2Bytes(in JacobianPoint<Fp2> point)
    {
        if (!point.TryToAffine(out Fp2 x, out Fp2 y)) return new byte[128];
        return G2Bytes(new G2Affine(x, y));
    }

    public static ulong[] Limbs(BigInteger scalar)
    {
        ulong[] limbs = new ulong[4];
        for (int i = 0; i < 4; i++) limbs[i] = (ulong)((scalar >> (64 * i)) & ulong.MaxValue);
        return limbs;
    }

    public static JacobianPoint<Fp2> G2Generator => JacobianPoint<Fp2>.FromAffine(G2.Generator.X, G2.Generator.Y);
}
