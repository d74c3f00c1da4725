using NBitcoin.Secp256k1;
using NUnit.Framework;
using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Tests;

public class EcRecoverPrecompileTests
{
    private const string N = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

    // Ethereum tests' CallEcrecover0 / go-ethereum ecRecover.json "ValidKey": v = 28.
    private const string ValidHash = "18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c";
    private const string ValidR = "73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75f";
    private const string ValidS = "eeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549";
    private const string ValidAddress = "000000000000000000000000a94f5374fce5edbc8e2a8697c15331677e6ebf0b";

    private static readonly IPrecompile Ecrecover = EcRecoverPrecompile.Instance;

    private static string Word(int v) => v.ToString("x2").PadLeft(64, '0');

    private static byte[] Run(string hex)
    {
        PrecompileResult result = Ecrecover.Run(TestHex.Bytes(hex), Fork.Prague);
        Assert.That(result.Success, Is.True, "ECRECOVER never fails the call");
        return result.Output;
    }

    [Test]
    public void RecoversTheValidKeyVector() =>
        Assert.That(TestHex.Of(Run(ValidHash + Word(28) + ValidR + ValidS)), Is.EqualTo(ValidAddress));

    [Test]
    public void RecoversGethBenchmarkVectorWithV27() =>
        Assert.That(TestHex.Of(Run(
                "38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e" + Word(27) +
                "38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e" +
                "789d1dd423d25f0772d2748d60f7e4b81bb14d086eba8e8e8efb6dcff8a4ae02")),
            Is.EqualTo("000000000000000000000000ceaccac640adf55b2028469bd36ba501f28b699d"));

    [Test]
    public void HighSIsAcceptedUnlikeTransactions()
    {
        // ValidS is above n/2; its mirror n - s with the other parity is the same signature in low-s form.
        System.Numerics.BigInteger n = new(TestHex.Bytes(N), isUnsigned: true, isBigEndian: true);
        System.Numerics.BigInteger s = new(TestHex.Bytes(ValidS), isUnsigned: true, isBigEndian: true);
        Assert.That(s > n / 2, Is.True);
        string lowS = TestHex.Of((n - s).ToByteArray(isUnsigned: true, isBigEndian: true)).PadLeft(64, '0');
        Assert.That(TestHex.Of(Run(ValidHash + Word(27) + ValidR + lowS)), Is.EqualTo(ValidAddress));
    }

    [Test]
    public void UnrecoverableKeyGivesEmptyOutput() =>
        // go-ethereum ecRecover.json "CallEcrecoverUnrecoverableKey".
        Assert.That(Run(
            "a8b53bdf3306a35a7103ab5504a0c9b492295564b6202b1942a84ef300107281000000000000000000000000000000000000000000000000000000000000001b307835653165303366353363653138623737326363623030393366663731663366353366356337356237346463623331613835616138623838393262346538621122334455667788991011121314151617181920212223242526272829303132"),
            Is.Empty);

    [TestCase("18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c100000000000000000000000000000000000000000000000000000000000001c")]
    [TestCase("18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c000000000000000000000000000000000000001000000000000000000000001c")]
    [TestCase("18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c000000000000000000000000000000000000001000000000000000000000011c")]
    public void VWithHighBitsSetIsInvalid(string hashAndV) =>
        // go-ethereum ecRecover.json "InvalidHighV-bits-1..3": v is compared as a whole word.
        Assert.That(Run(hashAndV + ValidR + ValidS), Is.Empty);

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(26)]
    [TestCase(29)]
    [TestCase(255)]
    public void VOtherThan27Or28IsInvalid(int v) =>
        Assert.That(Run(ValidHash + Word(v) + ValidR + ValidS), Is.Empty);

    [Test]
    public void ZeroROrSIsInvalid()
    {
        Assert.That(Run(ValidHash + Word(28) + Word(0) + ValidS), Is.Empty);
        Assert.That(Run(ValidHash + Word(28) + ValidR + Word(0)), Is.Empty);
    }

    [Test]
    public void ROrSAtOrAboveTheCurveOrderIsInvalid()
    {
        Assert.That(Run(ValidHash + Word(28) + N + ValidS), Is.Empty);
        Assert.That(Run(ValidHash + Word(28) + ValidR + N), Is.Empty);
        Assert.That(Run(ValidHash + Word(28) + ValidR + new string('f', 64)), Is.Empty);
    }

    [Test]
    public void EmptyAndShortInputsAreInvalidButSucceed()
    {
        Assert.That(Run(""), Is.Empty);
        Assert.That(Run(ValidHash + Word(28) + ValidR), Is.Empty, "s reads as zero");
    }

    [Test]
    public void BytesPast128AreIgnored() =>
        Assert.That(TestHex.Of(Run(ValidHash + Word(28) + ValidR + ValidS + "deadbeef")), Is.EqualTo(ValidAddress));

    [Test]
    public void ShortInputIsRightPaddedWithZeros()
    {
        // Find (deterministically) a signature whose s ends in a zero byte, then drop that byte from the input.
        ECPrivKey key = ECPrivKey.Create(TestHex.Bytes("0000000000000000000000000000000000000000000000000000000000000007"));
        for (int i = 0; ; i++)
        {
            byte[] hash = System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i));
            (string input, string expected) = Sign(key, hash);
            if (!input.EndsWith("00", StringComparison.Ordinal)) continue;
            Assert.That(TestHex.Of(Run(input[..^2])), Is.EqualTo(expected));
            return;
        }
    }

    [Test]
    public void RecoversTheSignerOfFreshSignatures()
    {
        // Differential: the address from the private key's own public key must come back for both parities.
        var random = new Random(1234);
        int seen27 = 0, seen28 = 0;
        for (int i = 0; i < 64; i++)
        {
            byte[] secret = new byte[32];
            random.NextBytes(secret);
            secret[0] &= 0x7f; // keep it below n
            secret[31] |= 1;   // and non-zero
            byte[] hash = new byte[32];
            random.NextBytes(hash);
            (string input, string expected) = Sign(ECPrivKey.Create(secret), hash);
            if (input.Substring(64 + 62, 2) == "1b") seen27++; else seen28++;
            Assert.That(TestHex.Of(Run(input)), Is.EqualTo(expected));
        }
        Assert.That(seen27 > 0 && seen28 > 0, Is.True, "both recovery ids exercised");
    }

    [TestCase(Fork.Frontier)]
    [TestCase(Fork.Berlin)]
    [TestCase(Fork.Prague)]
    public void CostsAFlat3000(Fork fork)
    {
        Assert.That(Ecrecover.RequiredGas([], fork), Is.EqualTo(3000));
        Assert.That(Ecrecover.RequiredGas(new byte[1000], fork), Is.EqualTo(3000));
    }

    /// <summary>Signs and returns (128-byte precompile input, expected 32-byte output) as hex.</summary>
    private static (string Input, string Expected) Sign(ECPrivKey key, byte[] hash)
    {
        Assert.That(key.TrySignRecoverable(hash, out SecpRecoverableECDSASignature? sig), Is.True);
        byte[] compact = new byte[64];
        sig!.WriteToSpanCompact(compact, out int recId);

        byte[] pub = new byte[65];
        key.CreatePubKey().WriteToSpan(false, pub, out _);
        byte[] addressHash = Keccak.Compute(pub.AsSpan(1)).ToArray();

        string input = TestHex.Of(hash) + Word(27 + recId) + TestHex.Of(compact);
        string expected = new string('0', 24) + TestHex.Of(addressHash[12..]);
        return (input, expected);
    }
}
