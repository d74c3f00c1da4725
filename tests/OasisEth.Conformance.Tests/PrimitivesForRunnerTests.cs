using System.Text.Json;
using NUnit.Framework;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.StateTest;
using OasisEth.Tests.Shared;

namespace OasisEth.Conformance.Tests;

/// <summary>The runner's small helpers: key to address (against ethereum/tests BasicTests), BLOCKHASH quirk, logs hash,
/// opcode names.</summary>
[TestFixture]
public class PrimitivesForRunnerTests
{
    [Test]
    public void SecretKeyToAddressMatchesBasicTests()
    {
        string path = Path.Combine(SharedFixtures.Conformance, "BasicTests", "keyaddrtest.json");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
        int checkedCount = 0;
        foreach (JsonElement e in doc.RootElement.EnumerateArray())
        {
            Address got = SecretKeys.ToAddress(Hex.Decode(e.GetProperty("key").GetString()!));
            Assert.That(got, Is.EqualTo(Address.Parse(e.GetProperty("addr").GetString()!)), e.GetProperty("seed").GetString());
            checkedCount++;
        }
        Assert.That(checkedCount, Is.GreaterThan(0));
    }

    [Test]
    public void TheStateTestsDefaultKeyIsA94f()
    {
        Address got = SecretKeys.ToAddress(Hex.Decode("45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8"));
        Assert.That(got, Is.EqualTo(Address.Parse("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b")));
    }

    [TestCase("00")]
    [TestCase("0000000000000000000000000000000000000000000000000000000000000000")]
    [TestCase("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")] // the group order n
    public void InvalidSecretKeyIsAFixtureError(string key) =>
        Assert.That(() => SecretKeys.ToAddress(Hex.Decode(key)), Throws.InstanceOf<FixtureFormatException>());

    [Test]
    public void BlockHashIsKeccakOfTheDecimalNumber()
    {
        // keccak256("1") and keccak256("0"), as computed by any keccak tool.
        Assert.That(BlockHashes.Of(1), Is.EqualTo(Hash256.Parse("0xc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc6")));
        Assert.That(BlockHashes.Of(0), Is.EqualTo(Hash256.Parse("0x044852b2a670ade5407e78fb2863c51de9fcb96542a07186fe3aeda6bb8a116d")));
        Assert.That(BlockHashes.Of(ulong.MaxValue), Is.EqualTo(BlockHashes.OfText("18446744073709551615")));
    }

    [Test]
    public void LogsHash()
    {
        Assert.That(StateTest.LogsHash.Compute([]), Is.EqualTo(Hash256.EmptyList));
        // One log: [address 0x00..01, [topic 0x00..02], data 0xff] encoded by hand:
        // f8 39 | 94 <20 bytes> | e1 a0 <32 bytes> | 81 ff ; the whole list wrapped once more.
        var log = new LogEntry(Address.FromLowUlong(1), [Hash256.FromWord(2)], [0xff]);
        byte[] inner = [0xf8, 0x39, 0x94, .. Address.FromLowUlong(1).Bytes, 0xe1, 0xa0, .. Hash256.FromWord(2).Bytes, 0x81, 0xff];
        byte[] outer = [0xf8, 0x3b, .. inner];
        Assert.That(StateTest.LogsHash.Compute([log]), Is.EqualTo(Keccak.Compute(outer)));
    }

    [Test]
    public void OpcodeNames()
    {
        Assert.That(Evm.Tracing.OpcodeMnemonics.Get(0x60), Is.EqualTo("PUSH1"));
        Assert.That(Evm.Tracing.OpcodeMnemonics.Get(0x5f), Is.EqualTo("PUSH0"));
        Assert.That(Evm.Tracing.OpcodeMnemonics.Get(0x7f), Is.EqualTo("PUSH32"));
        Assert.That(Evm.Tracing.OpcodeMnemonics.Get(0x80), Is.EqualTo("DUP1"));
        Assert.That(Evm.Tracing.OpcodeMnemonics.Get(0x9f), Is.EqualTo("SWAP16"));
        Assert.That(Evm.Tracing.OpcodeMnemonics.Get(0xa4), Is.EqualTo("LOG4"));
        Assert.That(Evm.Tracing.OpcodeMnemonics.Get(0x5c), Is.EqualTo("TLOAD"));
        Assert.That(Evm.Tracing.OpcodeMnemonics.Get(0x5e), Is.EqualTo("MCOPY"));
        Assert.That(Evm.Tracing.OpcodeMnemonics.Get(0x49), Is.EqualTo("BLOBHASH"));
        Assert.That(Evm.Tracing.OpcodeMnemonics.Get(0x4a), Is.EqualTo("BLOBBASEFEE"));
        Assert.That(Evm.Tracing.OpcodeMnemonics.Get(0x20), Is.EqualTo("KECCAK256"));
        Assert.That(Evm.Tracing.OpcodeMnemonics.Get(0xff), Is.EqualTo("SELFDESTRUCT"));
        Assert.That(Evm.Tracing.OpcodeMnemonics.Get(0x0c), Is.EqualTo("opcode 0xc not defined"));
        Assert.That(Evm.Tracing.OpcodeMnemonics.Get(0xef), Is.EqualTo("opcode 0xef not defined"));
    }

    [Test]
    public void Eip3155TraceLines()
    {
        var output = new StringWriter();
        var tracer = new Eip3155Tracer(output);
        tracer.OnStep(0, Evm.Opcode.PUSH1, 100_000_000, 3, 0, [], 1, 0);
        tracer.OnStep(2, Evm.Opcode.PUSH1, 99_999_997, 3, 0, [(UInt256)1], 1, 0);
        tracer.OnStep(4, Evm.Opcode.JUMP, 99_999_994, 8, 32, [(UInt256)1, new UInt256(0, 0, 0, 1)], 1, 5);
        tracer.OnError("invalid jump destination");
        tracer.OnTransactionEnd([0xab], 0x5208, "invalid jump destination");
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Is.EqualTo(new[]
        {
            """{"pc":0,"op":96,"gas":"0x5f5e100","gasCost":"0x3","memSize":0,"stack":[],"depth":1,"refund":0,"opName":"PUSH1"}""",
            """{"pc":2,"op":96,"gas":"0x5f5e0fd","gasCost":"0x3","memSize":0,"stack":["0x1"],"depth":1,"refund":0,"opName":"PUSH1"}""",
            """{"pc":4,"op":86,"gas":"0x5f5e0fa","gasCost":"0x8","memSize":32,"stack":["0x1","0x1000000000000000000000000000000000000000000000000"],"depth":1,"refund":5,"opName":"JUMP","error":"invalid jump destination"}""",
            """{"output":"ab","gasUsed":"0x5208","error":"invalid jump destination"}""",
        }));
    }
}
