using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace OasisEth.Primitives;

/// <summary>
/// secp256k1 recovery in managed code on BouncyCastle's curve arithmetic: no native library, no randomness, so
/// it runs where nothing can be loaded (the sandboxed runtime).
/// </summary>
/// <remarks>
/// Not NBitcoin.Secp256k1: its contexts blind their signing tables with random bytes hashed through .NET's
/// SHA256, which on Linux is OpenSSL (dlopen'ed); the AOT binary under bwrap aborted on its first recovery with
/// "No usable version of libssl was found" (seen with gdb: Context.Instance → ECMultGenContext..ctor → Blind →
/// SHA256). The standard recovery (SEC 1 §4.1.6): x = r (+ n for ids 2, 3), R = the curve point with that x and
/// y parity id &amp; 1, Q = r⁻¹(sR − eG).
/// </remarks>
public static class ManagedSecp256k1
{
    private static readonly X9ECParameters Params = CustomNamedCurves.GetByName("secp256k1");
    private static readonly ECCurve Curve = Params.Curve;
    private static readonly BigInteger N = Params.N;
    private static readonly BigInteger P = Curve.Field.Characteristic;
    private static readonly ECPoint G = Params.G;
    private static readonly ECFieldElement B = Curve.B;

    /// <summary>See <see cref="Secp256k1Recovery.TryRecover"/>.</summary>
    public static bool TryRecover(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> rs, int recoveryId, Span<byte> publicKey64)
    {
        if ((uint)recoveryId > 3) return false;
        var r = new BigInteger(1, rs[..32]);
        var s = new BigInteger(1, rs[32..64]);
        if (r.SignValue == 0 || r.CompareTo(N) >= 0 || s.SignValue == 0 || s.CompareTo(N) >= 0) return false;

        BigInteger x = recoveryId >= 2 ? r.Add(N) : r;
        if (x.CompareTo(P) >= 0) return false; // r + n is not a field element

        // y² = x³ + 7; no square root means no point with this x.
        ECFieldElement fx = Curve.FromBigInteger(x);
        ECFieldElement? fy = fx.Square().Multiply(fx).Add(B).Sqrt();
        if (fy is null) return false;
        if (fy.TestBitZero() != ((recoveryId & 1) == 1)) fy = fy.Negate();
        ECPoint point = Curve.CreatePoint(x, fy.ToBigInteger());

        var e = new BigInteger(1, hash[..32]);
        BigInteger rInv = r.ModInverse(N);
        BigInteger u1 = N.Subtract(e.Multiply(rInv).Mod(N)).Mod(N); // −e/r
        BigInteger u2 = s.Multiply(rInv).Mod(N);                    //  s/r
        ECPoint q = ECAlgorithms.SumOfTwoMultiplies(G, u1, point, u2);
        if (q.IsInfinity) return false;

        // To affine by hand rather than q.Normalize(): Normalize blinds its inversion with a random factor from
        // BouncyCastle's SecureRandom, whose seeding reads RandomNumberGenerator, i.e. OpenSSL on Linux (the
        // second dlopen the sandboxed binary hit). Nothing here is secret, so the inversion needs no blinding.
        // The curve uses Jacobian coordinates: x = X / Z², y = Y / Z³.
        ECFieldElement zInv = q.GetZCoord(0).Invert();
        ECFieldElement zInv2 = zInv.Square();
        // GetEncoded writes the field's full 32 bytes, big-endian, leading zeros included.
        q.XCoord.Multiply(zInv2).GetEncoded().CopyTo(publicKey64);
        q.YCoord.Multiply(zInv2.Multiply(zInv)).GetEncoded().CopyTo(publicKey64[32..]);
        return true;
    }
}
