using OasisEth.Host.IoTree;
using OasisEth.Mkvs;
using static OasisEth.Host.Tests.Vectors;

namespace OasisEth.Host.Tests.IoTree;

/// <summary>rhp-spec §14.2 and the two-phase write logs of §6.3.</summary>
public class IoTreeBuilderTests
{
    [Test]
    public void UpstreamIoRootVector()
    {
        var io = new IoTreeBuilder();
        var first = io.AddInput(Ascii("this goes in"), 0);
        var hashes = new List<Hash256>();
        for (int i = 0; i < 20; i++) hashes.Add(io.AddInput(Ascii($"this goes in ({i})"), (uint)i + 1));
        io.CommitInputs();
        io.AddOutput(first, Ascii("and this comes out"));
        io.AddTxTag(first, Ascii("tag1"), Ascii("value1"));
        foreach (var h in hashes)
        {
            io.AddOutput(h, Ascii("and this comes out"));
            io.AddTxTag(h, Ascii("tagA"), Ascii("valueA"));
            io.AddTxTag(h, Ascii("tagB"), Ascii("valueB"));
        }
        Assert.That(io.Commit().Root, Is.EqualTo(Hash256.Parse("8399ffa753987b00ec6ab251337c6b88e40812662ed345468fcbf1dbdd16321c")));
    }

    [Test]
    public void InputOnlyRootAndKeyLayout()
    {
        var io = new IoTreeBuilder();
        var foo = io.AddInput(Ascii("foo"), 0);
        io.AddInput(Ascii("bar"), 1);
        io.AddInput(Ascii("aaa"), 2);
        var inputs = io.CommitInputs();
        Assert.That(inputs.Root, Is.EqualTo(Hash256.Parse("7bf0c4a45f7d9dd66cf4d57ecd717d0c277de4b691fe23884038bd394cc68f7f")));
        Assert.That(ToHex(IoTreeBuilder.InputKey(foo)), Is.EqualTo("54d58042e6aa5a335e03ad576c6a9e43b41591bfd2077f72dec9df7930e492055d01"));
        Assert.That(ToHex(IoTreeBuilder.InputValue(Ascii("foo"), 0)), Is.EqualTo("8243666f6f00"));
        Assert.That(inputs.WriteLog, Has.Count.EqualTo(3));
    }

    [Test]
    public void InputLogThenIoLogRebuildTheIoRootFromEmpty()
    {
        var io = new IoTreeBuilder();
        var a = io.AddInput(Ascii("tx a"), 0);
        var b = io.AddInput(Ascii("tx b"), 1);
        var inputs = io.CommitInputs();
        io.AddOutput(a, []);
        io.AddOutput(b, Ascii("out"));
        io.AddTxTag(b, Ascii("heth"), new byte[32]);
        io.AddBlockTag(Ascii("blk"), Ascii("v"));
        var final = io.Commit();
        Assert.That(final.WriteLog, Has.Count.EqualTo(4), "the io write log holds only the new entries");

        // What the node does (rhp-spec §6.3): tx_input_write_log ++ io_write_log onto the empty tree.
        var replay = new MkvsTree();
        MkvsWriteLog.Apply(replay, inputs.WriteLog);
        Assert.That(replay.Commit().Root, Is.EqualTo(inputs.Root));
        MkvsWriteLog.Apply(replay, final.WriteLog);
        Assert.That(replay.Commit().Root, Is.EqualTo(final.Root));
        Assert.That(replay.Get(IoTreeBuilder.BlockTagKey(Ascii("blk"))), Is.EqualTo(Ascii("v")));
    }

    [Test]
    public void AnEmptyBatchGivesEmptyRootsAndLogs()
    {
        var io = new IoTreeBuilder();
        var inputs = io.CommitInputs();
        var final = io.Commit();
        Assert.That((inputs.Root, final.Root), Is.EqualTo((EmptyHash, EmptyHash)));
        Assert.That(inputs.WriteLog, Is.Empty);
        Assert.That(final.WriteLog, Is.Empty);
    }

    [Test]
    public void DuplicatesAndPhaseMisuseAreRefused()
    {
        var io = new IoTreeBuilder();
        io.AddInput(Ascii("x"), 0);
        Assert.Throws<ArgumentException>(() => io.AddInput(Ascii("x"), 1));
        Assert.Throws<InvalidOperationException>(() => io.AddOutput(default, []));
        io.CommitInputs();
        Assert.Throws<InvalidOperationException>(() => io.AddInput(Ascii("y"), 1));
    }
}
