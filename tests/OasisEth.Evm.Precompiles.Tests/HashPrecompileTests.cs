using System.Text;
using NUnit.Framework;
using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Tests;

/// <summary>0x02 SHA256, 0x03 RIPEMD160, 0x04 IDENTITY: outputs and the base + per-word prices.</summary>
public class HashPrecompileTests
{
    // The 128-byte input go-ethereum's SHA256/RIPEMD/identity benchmarks use.
    private const string GethInput =
        "38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e000000000000000000000000000000000000000000000000000000000000001b38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e789d1dd423d25f0772d2748d60f7e4b81bb14d086eba8e8e8efb6dcff8a4ae02";

    private static string Run(IPrecompile precompile, byte[] input)
    {
        PrecompileResult result = precompile.Run(input, Fork.Frontier);
        Assert.That(result.Success, Is.True);
        return TestHex.Of(result.Output);
    }

    [TestCase("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [TestCase("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void Sha256OfKnownStrings(string text, string expected) =>
        Assert.That(Run(Sha256Precompile.Instance, Encoding.ASCII.GetBytes(text)), Is.EqualTo(expected));

    [Test]
    public void Sha256OfGethVector() =>
        Assert.That(Run(Sha256Precompile.Instance, TestHex.Bytes(GethInput)),
            Is.EqualTo("811c7003375852fabd0d362e40e68607a12bdabae61a7d068fe5fdd1dbbf2a5d"));

    [TestCase("", "0000000000000000000000009c1185a5c5e9fc54612808977ee8f548b2258d31")]
    [TestCase("abc", "0000000000000000000000008eb208f7e05d987a9b044a8e98c6b087f15a0bfc")]
    public void Ripemd160OfKnownStringsIsLeftPadded(string text, string expected) =>
        Assert.That(Run(Ripemd160Precompile.Instance, Encoding.ASCII.GetBytes(text)), Is.EqualTo(expected));

    [Test]
    public void Ripemd160OfGethVector() =>
        Assert.That(Run(Ripemd160Precompile.Instance, TestHex.Bytes(GethInput)),
            Is.EqualTo("0000000000000000000000009215b8d9882ff46f0dfde6684d78e831467f65e6"));

    [Test]
    public void Ripemd160DigestIsResetBetweenCalls()
    {
        // The per-thread digest is reused; a second call must not see the first call's data.
        Run(Ripemd160Precompile.Instance, TestHex.Bytes(GethInput));
        Assert.That(Run(Ripemd160Precompile.Instance, Encoding.ASCII.GetBytes("abc")),
            Is.EqualTo("0000000000000000000000008eb208f7e05d987a9b044a8e98c6b087f15a0bfc"));
    }

    [Test]
    public void IdentityReturnsACopyOfItsInput()
    {
        byte[] input = TestHex.Bytes(GethInput);
        PrecompileResult result = IdentityPrecompile.Instance.Run(input, Fork.Frontier);
        Assert.That(result.Success, Is.True);
        Assert.That(result.Output, Is.EqualTo(input));
        Assert.That(result.Output, Is.Not.SameAs(input));
        Assert.That(Run(IdentityPrecompile.Instance, []), Is.Empty);
    }

    // length -> words: 0->0, 1->1, 32->1, 33->2, 64->2, 65->3, 1024->32
    [TestCase(0, 60, 600, 15)]
    [TestCase(1, 72, 720, 18)]
    [TestCase(32, 72, 720, 18)]
    [TestCase(33, 84, 840, 21)]
    [TestCase(64, 84, 840, 21)]
    [TestCase(65, 96, 960, 24)]
    [TestCase(1024, 444, 4440, 111)]
    public void PricesAreBasePlusPerWord(int length, long sha256, long ripemd160, long identity)
    {
        byte[] input = new byte[length];
        foreach (Fork fork in new[] { Fork.Frontier, Fork.Istanbul, Fork.Prague })
        {
            Assert.That(Sha256Precompile.Instance.RequiredGas(input, fork), Is.EqualTo(sha256));
            Assert.That(Ripemd160Precompile.Instance.RequiredGas(input, fork), Is.EqualTo(ripemd160));
            Assert.That(IdentityPrecompile.Instance.RequiredGas(input, fork), Is.EqualTo(identity));
        }
    }
}
