using OasisEth.Mkvs;
using OasisEth.Primitives;
using static OasisEth.State.Mkvs.Tests.TestState;

namespace OasisEth.State.Mkvs.Tests;

public class ReaderWriterTests
{
    [Test]
    public void Reader_ReturnsWhatPutAccountWrote()
    {
        var reader = new MkvsStateReader(Tree());

        Assert.That(reader.TryGetAccount(A, out AccountData a), Is.True);
        Assert.That(a, Is.EqualTo(new AccountData(1, 100, Keccak.Compute(CodeX), true)));
        Assert.That(reader.TryGetAccount(B, out AccountData b), Is.True);
        Assert.That(b, Is.EqualTo(new AccountData(0, 50, Hash256.EmptyCode, false)));
        Assert.That(reader.TryGetAccount(C, out AccountData c), Is.True);
        Assert.That(c.HasStorage, Is.True);
        Assert.That(reader.TryGetAccount(Missing, out _), Is.False);

        Assert.That(reader.GetStorage(A, 1), Is.EqualTo((UInt256)11));
        Assert.That(reader.GetStorage(A, 2), Is.EqualTo((UInt256)22));
        Assert.That(reader.GetStorage(A, 3), Is.EqualTo(UInt256.Zero));
        Assert.That(reader.GetStorage(Missing, 1), Is.EqualTo(UInt256.Zero));
        Assert.That(reader.GetCode(Keccak.Compute(CodeX)), Is.EqualTo(CodeX));
        Assert.Throws<InvalidDataException>(() => reader.GetCode(Keccak.Compute(CodeY)));
    }

    [Test]
    public void HasStorage_LooksOnlyUnderTheAccountsOwnPrefix()
    {
        // Addresses that differ in the last bit: a prefix scan must not see the neighbour's slots.
        var lower = Address.Parse("0x5000000000000000000000000000000000000000");
        var upper = Address.Parse("0x5000000000000000000000000000000000000001");
        var tree = new MkvsTree();
        MkvsStateWriter.PutAccount(tree, lower, 0, 1, [], []);
        MkvsStateWriter.PutAccount(tree, upper, 0, 1, [], Slots((0, 1)));
        var reader = new MkvsStateReader(tree);
        Assert.That(reader.HasStorage(lower), Is.False);
        Assert.That(reader.HasStorage(upper), Is.True);

        Assert.That(MkvsStateWriter.WipeStorage(tree, lower), Is.Zero);
        Assert.That(MkvsStateWriter.WipeStorage(tree, upper), Is.EqualTo(1));
        Assert.That(reader.HasStorage(upper), Is.False);
    }

    [Test]
    public void Apply_WritesExactlyTheChanges_InTheSchema()
    {
        MkvsTree tree = Tree();
        var changes = new BlockChanges
        {
            StorageWipes = [A, C],
            Deleted = [C],
            Accounts = [new AccountUpdate(A, 2, 7, Keccak.Compute(CodeY)), new AccountUpdate(Missing, 0, 1, Hash256.EmptyCode)],
            Code = [new CodeBlob(Keccak.Compute(CodeY), CodeY)],
            Storage = [new StorageChange(A, 5, 55), new StorageChange(A, 6, 0), new StorageChange(Missing, 9, 99)],
        };
        MkvsStateWriter.Apply(tree, changes);
        tree.Commit();

        var expected = new List<KeyValuePair<byte[], byte[]>>
        {
            new(StateSchema.AccountKey(A), StateSchema.EncodeAccount(2, 7, Keccak.Compute(CodeY))),
            new(StateSchema.AccountKey(B), StateSchema.EncodeAccount(0, 50, Hash256.EmptyCode)),
            new(StateSchema.AccountKey(Missing), StateSchema.EncodeAccount(0, 1, Hash256.EmptyCode)),
            new(StateSchema.CodeKey(Keccak.Compute(CodeX)), CodeX), // blobs stay
            new(StateSchema.CodeKey(Keccak.Compute(CodeY)), CodeY),
            new(StateSchema.StorageKey(A, 5), [55]),
            new(StateSchema.StorageKey(Missing, 9), [99]),
        };
        expected.Sort((x, y) => x.Key.AsSpan().SequenceCompareTo(y.Key));
        List<KeyValuePair<byte[], byte[]>> actual = Entries(tree);
        Assert.That(actual.Select(e => Hex.Encode(e.Key)), Is.EqualTo(expected.Select(e => Hex.Encode(e.Key))));
        Assert.That(actual.Select(e => Hex.Encode(e.Value)), Is.EqualTo(expected.Select(e => Hex.Encode(e.Value))));
        Assert.That(tree.Root, Is.EqualTo(MkvsRoot.Compute(expected)));
    }

    [Test]
    public void EthereumRoot_OfTree_EqualsInMemoryRoot()
    {
        Assert.That(EthereumRoot.Compute(Tree()), Is.EqualTo(Reference().ComputeStateRoot()));
        Assert.That(EthereumRoot.Compute(new MkvsTree()), Is.EqualTo(Hash256.EmptyTrie));
    }

    [Test]
    public void EthereumRoot_RejectsStorageWithoutAccount()
    {
        MkvsTree tree = Tree();
        tree.Insert(StateSchema.StorageKey(Missing, 1), [1]);
        Assert.Throws<InvalidDataException>(() => EthereumRoot.Compute(tree));

        MkvsTree before = Tree();
        before.Insert(StateSchema.StorageKey(Address.Zero, 1), [1]); // sorts before every account
        Assert.Throws<InvalidDataException>(() => EthereumRoot.Compute(before));
    }

    [Test]
    public void Dump_ListsAccountsCodeAndStorage_LikeTheInMemoryDump()
    {
        IReadOnlyList<InMemoryWorldState.AccountDump> fromTree = MkvsStateDump.Dump(Tree());
        IReadOnlyList<InMemoryWorldState.AccountDump> fromMemory = Reference().Dump();
        Assert.That(fromTree, Has.Count.EqualTo(fromMemory.Count));
        for (int i = 0; i < fromTree.Count; i++)
        {
            Assert.That(fromTree[i].Address, Is.EqualTo(fromMemory[i].Address));
            Assert.That((fromTree[i].Nonce, fromTree[i].Balance), Is.EqualTo((fromMemory[i].Nonce, fromMemory[i].Balance)));
            Assert.That(fromTree[i].Code, Is.EqualTo(fromMemory[i].Code));
            Assert.That(fromTree[i].Storage, Is.EqualTo(fromMemory[i].Storage));
        }
    }
}
