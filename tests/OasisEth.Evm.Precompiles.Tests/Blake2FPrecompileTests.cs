using System.Buffers.Binary;
using NUnit.Framework;
using OasisEth.Primitives;
using Org.BouncyCastle.Crypto.Digests;

namespace OasisEth.Evm.Precompiles.Tests;

public class Blake2FPrecompileTests
{
    // EIP-152 test vectors 4-8: the state is BLAKE2b-512's initial state, the message "abc", t = 3.
    private const string State =
        "48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b";
    private const string Message =
        "6162630000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";
    private const string Counter = "03000000000000000000000000000000";

    private static readonly IPrecompile Blake2F = Blake2FPrecompile.Instance;

    private static byte[] Input(string rounds, string flag) => TestHex.Bytes(rounds + State + Message + Counter + flag);

    [TestCase("00000000", "01", 0L, "08c9bcf367e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d282e6ad7f520e511f6c3e2b8c68059b9442be0454267ce079217e1319cde05b", TestName = "EIP-152 vector 4 (0 rounds)")]
    [TestCase("0000000c", "01", 12L, "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923", TestName = "EIP-152 vector 5 (12 rounds)")]
    [TestCase("0000000c", "00", 12L, "75ab69d3190a562c51aef8d88f1c2775876944407270c42c9844252c26d2875298743e7f6d5ea2f2d3e8d226039cd31b4e426ac4f2d3d666a610c2116fde4735", TestName = "EIP-152 vector 6 (not final)")]
    [TestCase("00000001", "01", 1L, "b63a380cb2897d521994a85234ee2c181b5f844d2c624c002677e9703449d2fba551b3a8333bcdf5f2f7e08993d53923de3d64fcc68c034e717b9293fed7a421", TestName = "EIP-152 vector 7 (1 round)")]
    [TestCase("007a1200", "01", 8000000L, "6d2ce9e534d50e18ff866ae92d70cceba79bbcd14c63819fe48752c8aca87a4bb7dcc230d22a4047f0486cfcfb50a17b24b2899eb8fca370f22240adb5170189", TestName = "EIP-152 vector 8 (8M rounds)")]
    public void MatchesEip152Vectors(string rounds, string flag, long gas, string expected)
    {
        byte[] input = Input(rounds, flag);
        Assert.That(Blake2F.RequiredGas(input, Fork.Istanbul), Is.EqualTo(gas));
        PrecompileResult result = Blake2F.Run(input, Fork.Istanbul);
        Assert.That(result.Success, Is.True);
        Assert.That(TestHex.Of(result.Output), Is.EqualTo(expected));
    }

    [Test]
    public void EmptyInputFails() => AssertFails([]);

    [Test]
    public void InputOneByteShortFails() => AssertFails(Input("0000000c", "01")[1..]);    // EIP-152 vector 1

    [Test]
    public void InputOneByteLongFails() => AssertFails([0, .. Input("0000000c", "01")]); // EIP-152 vector 2

    [TestCase("02")]
    [TestCase("ff")]
    public void FinalFlagOtherThanZeroOrOneFails(string flag) => AssertFails(Input("0000000c", flag)); // vector 3

    [Test]
    public void WrongLengthPricesAtZeroAndRoundsAreBigEndian()
    {
        Assert.That(Blake2F.RequiredGas(new byte[212], Fork.Istanbul), Is.EqualTo(0));
        Assert.That(Blake2F.RequiredGas(Input("ffffffff", "01"), Fork.Prague), Is.EqualTo(uint.MaxValue));
        Assert.That(Blake2F.RequiredGas(Input("01000000", "01"), Fork.Prague), Is.EqualTo(1 << 24));
    }

    [Test]
    public void TwelveRoundsOnOneBlockEqualBouncyCastleBlake2b()
    {
        // Differential: a one-block BLAKE2b-512 hash is one final F call with 12 rounds on the keyless parameter
        // block, so the precompile must agree with an independent BLAKE2b for every message up to 128 bytes.
        var random = new Random(152);
        for (int length = 0; length <= 128; length++)
        {
            byte[] message = new byte[length];
            random.NextBytes(message);

            var digest = new Blake2bDigest(512);
            digest.BlockUpdate(message, 0, message.Length);
            byte[] expected = new byte[64];
            digest.DoFinal(expected, 0);

            byte[] input = new byte[Blake2FPrecompile.InputLength];
            BinaryPrimitives.WriteUInt32BigEndian(input, 12);
            byte[] iv = TestHex.Bytes(State);
            iv.CopyTo(input, 4); // State = IV with h0 ^= 0x01010040 (digest 64, no key, fanout 1, depth 1)
            message.CopyTo(input, 68);
            BinaryPrimitives.WriteUInt64LittleEndian(input.AsSpan(196), (ulong)length);
            input[212] = 1;

            PrecompileResult result = Blake2F.Run(input, Fork.Istanbul);
            Assert.That(result.Success, Is.True);
            Assert.That(TestHex.Of(result.Output), Is.EqualTo(TestHex.Of(expected)), $"length {length}");
        }
    }

    private static void AssertFails(byte[] input) =>
        Assert.That(Blake2F.Run(input, Fork.Istanbul).Success, Is.False);
}
