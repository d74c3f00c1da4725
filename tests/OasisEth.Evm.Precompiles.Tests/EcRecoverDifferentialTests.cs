using System.Numerics;
using NBitcoin.Secp256k1;
using NUnit.Framework;
using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Tests;

/// <summary>
/// ECRECOVER (native libsecp256k1) against the managed NBitcoin implementation it replaced, on signatures
/// NBitcoin made and on arbitrary inputs (bad v words, r/s at and around 0 and n, high s, short and long input):
/// the same output byte for byte, and the call never fails.
/// </summary>
public class EcRecoverDifferentialTests
{
    private static readonly BigInteger N = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);
    private static readonly BigInteger P = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", System.Globalization.NumberStyles.HexNumber);

    /// <summary>The precompile before the switch (same input rules, managed recovery), kept as the oracle.</summary>
    private static byte[] ManagedEcRecover(ReadOnlySpan<byte> input)
    {
        Span<byte> buf = stackalloc byte[128];
        buf.Clear();
        input[..Math.Min(input.Length, 128)].CopyTo(buf);
        ReadOnlySpan<byte> hash = buf[..32];
        ReadOnlySpan<byte> v = buf[32..64];
        ReadOnlySpan<byte> rs = buf[64..128];
        if (v[..31].IndexOfAnyExcept((byte)0) >= 0) return [];
        int recoveryId = v[31] - 27;
        if ((uint)recoveryId > 1) return [];
        BigInteger r = new(rs[..32], isUnsigned: true, isBigEndian: true);
        BigInteger s = new(rs[32..], isUnsigned: true, isBigEndian: true);
        if (r.IsZero || s.IsZero || r >= N || s >= N) return [];
        if (!SecpRecoverableECDSASignature.TryCreateFromCompact(rs, recoveryId, out SecpRecoverableECDSASignature? signature)
            || !ECPubKey.TryRecover(Context.Instance, signature, hash, out ECPubKey? publicKey))
            return [];
        Span<byte> uncompressed = stackalloc byte[65];
        publicKey.WriteToSpan(false, uncompressed, out _);
        byte[] output = new byte[32];
        Keccak.Compute(uncompressed[1..]).Bytes[12..].CopyTo(output.AsSpan(12));
        return output;
    }

    private static byte[] Native(ReadOnlySpan<byte> input)
    {
        PrecompileResult result = EcRecoverPrecompile.Instance.Run(input, Fork.Prague);
        Assert.That(result.Success, Is.True, "ECRECOVER never fails the call");
        return result.Output;
    }

    /// <summary>Same output from both; returns whether a key was recovered.</summary>
    private static bool AssertSame(ReadOnlySpan<byte> input)
    {
        byte[] expected = ManagedEcRecover(input);
        byte[] actual = Native(input);
        Assert.That(TestHex.Of(actual), Is.EqualTo(TestHex.Of(expected)), $"input {TestHex.Of(input.ToArray())}");
        return actual.Length != 0;
    }

    private static void WriteWord(BigInteger value, Span<byte> word)
    {
        word.Clear();
        byte[] bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        bytes.CopyTo(word[(32 - bytes.Length)..]);
    }

    private static byte[] Input(ReadOnlySpan<byte> hash, int v, ReadOnlySpan<byte> r, ReadOnlySpan<byte> s)
    {
        byte[] input = new byte[128];
        hash.CopyTo(input);
        input[63] = (byte)v;
        r.CopyTo(input.AsSpan(64));
        s.CopyTo(input.AsSpan(96));
        return input;
    }

    [Test]
    public void SignaturesFromRandomKeysRecoverTheSigner()
    {
        var random = new Random(1559);
        byte[] key = new byte[32], hash = new byte[32];
        Span<byte> compact = stackalloc byte[64], pub = stackalloc byte[65], highS = stackalloc byte[32];
        for (int i = 0; i < 2000; i++)
        {
            random.NextBytes(key);
            random.NextBytes(hash);
            Assert.That(ECPrivKey.TryCreate(key, out ECPrivKey? priv), Is.True);
            int id;
            using (priv)
            {
                Assert.That(priv!.TrySignRecoverable(hash, out SecpRecoverableECDSASignature? signature), Is.True);
                signature!.WriteToSpanCompact(compact, out id);
                priv.CreatePubKey().WriteToSpan(false, pub, out _);
            }
            byte[] expected = new byte[32];
            Keccak.Compute(pub[1..]).Bytes[12..].CopyTo(expected.AsSpan(12));

            Assert.That(TestHex.Of(Native(Input(hash, 27 + id, compact[..32], compact[32..]))), Is.EqualTo(TestHex.Of(expected)), $"key #{i}");
            // High-s mirror with the other v: the same signer (the precompile has no low-s rule).
            WriteWord(N - new BigInteger(compact[32..], isUnsigned: true, isBigEndian: true), highS);
            Assert.That(TestHex.Of(Native(Input(hash, 28 - id, compact[..32], highS))), Is.EqualTo(TestHex.Of(expected)), $"key #{i}");
            // Wrong v, v of 0/1 (transaction style, invalid here), another hash: same as the managed port.
            Assert.That(AssertSame(Input(hash, 28 - id, compact[..32], compact[32..])), Is.True);
            Assert.That(AssertSame(Input(hash, id, compact[..32], compact[32..])), Is.False);
            random.NextBytes(hash);
            AssertSame(Input(hash, 27 + id, compact[..32], compact[32..]));
        }
    }

    [Test]
    public void ArbitraryInputsGiveTheSameOutput()
    {
        var random = new Random(2537);
        BigInteger[] special = [0, 1, 2, N - 1, N, N + 1, P - N - 1, P - N, P - 1, P, (BigInteger.One << 256) - 1, N / 2, N / 2 + 1];
        byte[] hash = new byte[32], r = new byte[32], s = new byte[32];
        int recovered = 0;
        for (int i = 0; i < 4000; i++)
        {
            random.NextBytes(hash);
            if (i % 3 == 0) WriteWord(special[random.Next(special.Length)], r);
            else random.NextBytes(r);
            if (i % 5 == 0) WriteWord(special[random.Next(special.Length)], s);
            else random.NextBytes(s);
            int v = (i % 4) switch { 0 => random.Next(256), 1 => 27, _ => 28 };
            byte[] input = Input(hash, v, r, s);
            if (i % 11 == 0) input[32 + random.Next(31)] = (byte)random.Next(1, 256); // a high byte in the v word
            if (AssertSame(input)) recovered++;
            // The same input cut short (zero padded) and with trailing garbage (ignored).
            AssertSame(input.AsSpan(0, random.Next(129)));
            byte[] longer = new byte[128 + random.Next(1, 64)];
            random.NextBytes(longer);
            input.CopyTo(longer, 0);
            AssertSame(longer);
        }
        Assert.That(recovered, Is.GreaterThan(500), "a random r below n is an x on the curve about half the time");
    }

    [Test]
    public void KeyAtInfinityGivesEmptyOutput()
    {
        // Q = r⁻¹(sR − eG) is the point at infinity when e = s·k (mod n) for R = kG.
        byte[] k = Keccak.Compute("nonce"u8).ToArray();
        Assert.That(ECPrivKey.TryCreate(k, out ECPrivKey? priv), Is.True);
        Span<byte> point = stackalloc byte[33];
        using (priv) priv!.CreatePubKey().WriteToSpan(true, point, out _);
        BigInteger s = 0x1234567;
        BigInteger e = s * new BigInteger(k, isUnsigned: true, isBigEndian: true) % N;
        Span<byte> hash = stackalloc byte[32], sWord = stackalloc byte[32];
        WriteWord(e, hash);
        WriteWord(s, sWord);
        byte[] input = Input(hash, 27 + point[0] - 2, point[1..], sWord);
        Assert.That(Native(input), Is.Empty);
        Assert.That(AssertSame(input), Is.False);
        WriteWord(e + 1, hash); // one off: a real key, so the empty output above is the infinity
        Assert.That(AssertSame(Input(hash, 27 + point[0] - 2, point[1..], sWord)), Is.True);
    }

    [Test]
    public void EmptyInputGivesEmptyOutput() => Assert.That(Native([]), Is.Empty);
}
