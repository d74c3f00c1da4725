using System.Numerics;
using NBitcoin.Secp256k1;
using OasisEth.Primitives;

namespace OasisEth.Transactions.Tests;

/// <summary>
/// <see cref="SignerRecovery"/> (by default the managed BouncyCastle recovery) against the NBitcoin port as oracle: signatures
/// made by NBitcoin must recover to the signing key's address, and on arbitrary (mostly invalid) r, s, recovery
/// id and digest both must accept the same inputs and agree on the signer. One known difference: for recovery
/// ids 2 and 3 (x = r + n) the managed port does not reject r &gt;= p - n, where x is not a field element, and
/// returns some key; the native library rejects it. No caller passes ids 2 or 3 (v, yParity and the
/// precompile's v all map to 0 or 1), so this is not observable; the native answer is the correct one.
/// </summary>
public class SignerRecoveryDifferentialTests
{
    private static readonly BigInteger N = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);
    private static readonly BigInteger P = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", System.Globalization.NumberStyles.HexNumber);

    /// <summary>The implementation before the switch, kept as the oracle.</summary>
    private static bool ManagedRecover(in Hash256 digest, in UInt256 r, in UInt256 s, int recoveryId, out Address signer)
    {
        signer = default;
        Span<byte> compact = stackalloc byte[64];
        r.WriteBigEndian(compact);
        s.WriteBigEndian(compact[32..]);
        if (!SecpRecoverableECDSASignature.TryCreateFromCompact(compact, recoveryId, out var signature) || signature is null)
            return false;
        if (!ECPubKey.TryRecover(Context.Instance, signature, digest.Bytes, out var publicKey) || publicKey is null)
            return false;
        Span<byte> uncompressed = stackalloc byte[65];
        publicKey.WriteToSpan(false, uncompressed, out _);
        signer = Address.FromHash(Keccak.Compute(uncompressed[1..]));
        return true;
    }

    private static UInt256 Word(BigInteger value)
    {
        byte[] bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        Span<byte> word = stackalloc byte[32];
        bytes.CopyTo(word[(32 - bytes.Length)..]);
        return UInt256.FromBigEndian(word);
    }

    private static BigInteger Big(in UInt256 value)
    {
        Span<byte> word = stackalloc byte[32];
        value.WriteBigEndian(word);
        return new BigInteger(word, isUnsigned: true, isBigEndian: true);
    }

    private static Hash256 RandomDigest(Random random)
    {
        Span<byte> bytes = stackalloc byte[32];
        random.NextBytes(bytes);
        return new Hash256(bytes);
    }

    /// <summary>Both implementations on one input: same verdict, same signer. Returns the verdict.</summary>
    private static bool AssertSame(in Hash256 digest, in UInt256 r, in UInt256 s, int recoveryId)
    {
        if (recoveryId is 2 or 3 && Big(r) >= P - N)
        {
            Assert.That(SignerRecovery.TryRecover(digest, r, s, recoveryId, out Address none), Is.False, $"x = r + n >= p: r {r} id {recoveryId}");
            Assert.That(none, Is.EqualTo(default(Address)));
            return false;
        }
        bool managed = ManagedRecover(digest, r, s, recoveryId, out Address expected);
        bool native = SignerRecovery.TryRecover(digest, r, s, recoveryId, out Address actual);
        Assert.That(native, Is.EqualTo(managed), $"verdict differs: digest {digest} r {r} s {s} id {recoveryId}");
        Assert.That(actual, Is.EqualTo(expected), $"signer differs: digest {digest} r {r} s {s} id {recoveryId}");
        return native;
    }

    [Test]
    public void SignaturesFromRandomKeysRecoverTheSigner()
    {
        var random = new Random(20261125);
        Span<byte> key = stackalloc byte[32];
        int signed = 0;
        for (int i = 0; i < 3000; i++)
        {
            random.NextBytes(key);
            if (!ECPrivKey.TryCreate(key, out ECPrivKey? priv)) continue; // 0 or >= n: astronomically rare
            signed++;
            Address address = TestSigner.AddressOf(key);
            Hash256 digest = RandomDigest(random);
            (UInt256 r, UInt256 s, int id) = TestSigner.SignDigest(digest, key);
            priv.Dispose();

            Assert.That(SignerRecovery.TryRecover(digest, r, s, id, out Address signer), Is.True, $"key #{i}");
            Assert.That(signer, Is.EqualTo(address), $"key #{i}");
            // The other parity, the high-s mirror (n - s with the other parity is the same signature), ids 2/3,
            // and a different digest: same answers as the managed port.
            Assert.That(AssertSame(digest, r, s, id ^ 1), Is.True);
            UInt256 highS = Word(N - Big(s));
            Assert.That(AssertSame(digest, r, highS, id ^ 1), Is.True);
            Assert.That(SignerRecovery.TryRecover(digest, r, highS, id ^ 1, out Address mirrored) && mirrored == address, Is.True);
            AssertSame(digest, r, s, id | 2);
            AssertSame(RandomDigest(random), r, s, id);
        }
        Assert.That(signed, Is.EqualTo(3000));
    }

    [Test]
    public void ArbitraryInputsGetTheSameVerdict()
    {
        var random = new Random(7702);
        Span<byte> bytes = stackalloc byte[32];
        int accepted = 0;
        BigInteger[] special = [0, 1, 2, N - 1, N, N + 1, P - N - 1, P - N, P - 1, P, (BigInteger.One << 256) - 1, N / 2, N / 2 + 1];
        for (int i = 0; i < 4000; i++)
        {
            Hash256 digest = (i % 7) switch
            {
                0 => default,
                1 => new Hash256(Enumerable.Repeat((byte)0xFF, 32).ToArray()),
                _ => RandomDigest(random),
            };
            UInt256 r, s;
            if (i % 3 == 0)
            {
                r = Word(special[random.Next(special.Length)]);
                random.NextBytes(bytes);
                s = i % 2 == 0 ? UInt256.FromBigEndian(bytes) : Word(special[random.Next(special.Length)]);
            }
            else
            {
                random.NextBytes(bytes);
                r = UInt256.FromBigEndian(bytes);
                random.NextBytes(bytes);
                s = UInt256.FromBigEndian(bytes);
            }
            int id = random.Next(-2, 6);
            if (AssertSame(digest, r, s, id)) accepted++;
        }
        // Half the ids are valid and a random r is an x on the curve about half the time: ~1 in 10 inputs is accepted.
        Assert.That(accepted, Is.GreaterThan(300));
    }

    [TestCase(-1)]
    [TestCase(4)]
    [TestCase(27)]
    [TestCase(int.MinValue)]
    [TestCase(int.MaxValue)]
    public void RecoveryIdOutsideZeroToThreeIsRejected(int recoveryId)
    {
        Hash256 digest = Keccak.Compute("recovery id"u8);
        (UInt256 r, UInt256 s, _) = TestSigner.SignDigest(digest, TestSigner.Key);
        Assert.That(SignerRecovery.TryRecover(digest, r, s, recoveryId, out Address signer), Is.False);
        Assert.That(signer, Is.EqualTo(default(Address)));
        AssertSame(digest, r, s, recoveryId);
    }

    [Test]
    public void ZeroOrOutOfRangeScalarsAreRejected()
    {
        Hash256 digest = Keccak.Compute("scalars"u8);
        (UInt256 r, UInt256 s, int id) = TestSigner.SignDigest(digest, TestSigner.Key);
        UInt256 n = Word(N);
        foreach ((UInt256 badR, UInt256 badS) in new[]
                 {
                     (UInt256.Zero, s), (r, UInt256.Zero), (UInt256.Zero, UInt256.Zero), (n, s), (r, n),
                     (Word(N + 5), s), (r, Word(N + 5)), (Word((BigInteger.One << 256) - 1), s),
                     (r, Word((BigInteger.One << 256) - 1)),
                 })
        {
            Assert.That(SignerRecovery.TryRecover(digest, badR, badS, id, out _), Is.False, $"r {badR} s {badS}");
            AssertSame(digest, badR, badS, id);
        }
    }

    [Test]
    public void OverflowedXIsRejectedForIdsTwoAndThree()
    {
        // Ids 2 and 3 use x = r + n, which must stay below p: r >= p - n is rejected (see the class comment for
        // the managed port's answer). Below that bound both implementations agree.
        Hash256 digest = Keccak.Compute("overflow"u8);
        foreach (BigInteger r in new[] { P - N, P - N + 1, N - 1 })
            for (int id = 2; id <= 3; id++)
                Assert.That(SignerRecovery.TryRecover(digest, Word(r), Word(12345), id, out _), Is.False, $"r {r} id {id}");
        int accepted = 0;
        for (BigInteger r = 1; r < 200; r++)
            for (int id = 2; id <= 3; id++)
                if (AssertSame(digest, Word(r), Word(12345), id)) accepted++;
        Assert.That(accepted, Is.GreaterThan(50), "small r with ids 2/3 is a real x about half the time");
    }

    [Test]
    public void KeyAtInfinityIsRejected()
    {
        // Q = r⁻¹(sR − eG) is the point at infinity when e = s·k (mod n) for R = kG: build exactly that input.
        byte[] k = Keccak.Compute("nonce"u8).ToArray();
        Assert.That(ECPrivKey.TryCreate(k, out ECPrivKey? priv), Is.True);
        Span<byte> point = stackalloc byte[33];
        using (priv) priv!.CreatePubKey().WriteToSpan(true, point, out _);
        int id = point[0] - 2; // y parity of R
        UInt256 r = UInt256.FromBigEndian(point[1..]);
        Assert.That(Big(r), Is.LessThan(N));
        BigInteger s = 0x1234567;
        BigInteger e = s * new BigInteger(k, isUnsigned: true, isBigEndian: true) % N;
        Span<byte> digestBytes = stackalloc byte[32];
        Word(e).WriteBigEndian(digestBytes);
        var digest = new Hash256(digestBytes);

        Assert.That(SignerRecovery.TryRecover(digest, r, Word(s), id, out _), Is.False);
        Assert.That(AssertSame(digest, r, Word(s), id), Is.False);
        // One off, the same r and s recover a real key: the rejection is the infinity, not the inputs.
        Word(e + 1).WriteBigEndian(digestBytes);
        Assert.That(AssertSame(new Hash256(digestBytes), r, Word(s), id), Is.True);
    }

    [Test]
    public void RecoveryIsThreadSafe()
    {
        Hash256 digest = Keccak.Compute("threads"u8);
        (UInt256 r, UInt256 s, int id) = TestSigner.SignDigest(digest, TestSigner.Key);
        Address expected = TestSigner.AddressOf(TestSigner.Key);
        int wrong = 0;
        Parallel.For(0, 2000, _ =>
        {
            if (!SignerRecovery.TryRecover(digest, r, s, id, out Address signer) || signer != expected)
                Interlocked.Increment(ref wrong);
        });
        Assert.That(wrong, Is.Zero);
    }

    /// <summary>The native backend (the dev node's) allocates nothing per recovery. The managed one (the runtime's
    /// default) allocates BouncyCastle big integers and points, about 200 KB per recovery: the price of loading
    /// no library (bench/OasisEth.Bench/Signatures).</summary>
    [Test]
    public void NativeRecoveryAllocatesNothing()
    {
        Hash256 digest = Keccak.Compute("alloc"u8);
        (UInt256 r, UInt256 s, int id) = TestSigner.SignDigest(digest, TestSigner.Key);
        Span<byte> compact = stackalloc byte[64], key = stackalloc byte[64];
        r.WriteBigEndian(compact);
        s.WriteBigEndian(compact[32..]);
        NativeSecp256k1.TryRecover(digest.Bytes, compact, id, key); // warm up (static init, first native call)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) NativeSecp256k1.TryRecover(digest.Bytes, compact, id, key);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
