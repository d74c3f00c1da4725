using OasisEth.Mkvs;
using OasisEth.Primitives;
using static OasisEth.State.Mkvs.Tests.TestState;

namespace OasisEth.State.Mkvs.Tests;

/// <summary>Blocks in a row on the tree give the root of a fresh build of the final state.</summary>
public class MultiBlockTests
{
    private static readonly Address D = Address.Parse("0x0d00000000000000000000000000000000000000");

    [Test]
    public void TwoBlocks_GiveTheSameMkvsRoot_AsAFreshBuildOfTheFinalState()
    {
        MkvsTree tree = Tree();
        InMemoryWorldState reference = Reference();
        var expected = new ExpectedKeySet();
        expected.Build(reference); // the pre-state's code

        // Block 1: deploy D with storage, move value, change and clear stored slots.
        var block1 = new InMemoryWorldState(new MkvsStateReader(tree));
        foreach (InMemoryWorldState s in new[] { block1, reference })
        {
            s.BeginTransaction();
            s.IncrementNonce(B);
            s.SubtractBalance(B, 10);
            s.CreateContractAccount(D);
            s.AddBalance(D, 10);
            s.SetCode(D, CodeY);
            s.SetStorage(D, 1, 1);
            s.SetStorage(D, 2, 2);
            s.CommitTransaction(true);
            s.BeginTransaction();
            s.SetStorage(A, 1, 0);
            s.SetStorage(A, 3, 33);
            s.CommitTransaction(true);
        }
        EndBlock(block1, tree);
        Hash256 afterBlock1 = tree.Root;
        Assert.That(afterBlock1, Is.EqualTo(MkvsRoot.Compute(expected.Build(reference))));

        // Block 2, on a new world state over the committed tree: destroy A, touch-delete C, rewrite D's slots.
        var block2 = new InMemoryWorldState(new MkvsStateReader(tree));
        foreach (InMemoryWorldState s in new[] { block2, reference })
        {
            s.BeginTransaction();
            s.AddBalance(B, s.GetBalance(A));
            s.SubtractBalance(A, s.GetBalance(A));
            s.MarkSelfDestructed(A);
            s.AddBalance(C, 0);
            s.SetStorage(D, 1, 0);
            s.SetStorage(D, 5, 5);
            s.CommitTransaction(true);
        }
        BlockChanges changes = EndBlock(block2, tree);
        Assert.That(changes.Deleted, Is.EqualTo(new[] { A, C }));
        Assert.That(changes.StorageWipes, Is.EqualTo(new[] { A, C }));
        Assert.That(tree.Root, Is.Not.EqualTo(afterBlock1));
        Assert.That(tree.Root, Is.EqualTo(MkvsRoot.Compute(expected.Build(reference))));
        Assert.That(EthereumRoot.Compute(tree), Is.EqualTo(reference.ComputeStateRoot()));
    }

    /// <summary>How the next block gets its world state and tree.</summary>
    public enum Reopen
    {
        /// <summary>One world state for all blocks: its cache carries over (it became the new base).</summary>
        SameWorldState,
        /// <summary>A new world state per block over the same tree object.</summary>
        NewWorldState,
        /// <summary>A new tree per block, opened at the committed root and loading nodes from a store.</summary>
        ReloadedTree,
    }

    /// <summary>
    /// Fixed-seed random blocks of random transactions (nested reverts, self-destructs, CREATE over old
    /// accounts, EIP-161 deletions, slots going to zero and back) run on a self-contained state and on the
    /// MKVS-backed one. Every read must agree; after every block the tree's Ethereum root must equal the
    /// reference's, and its MKVS root that of a fresh build of the reference state.
    /// </summary>
    [TestCase(Reopen.SameWorldState, 1)]
    [TestCase(Reopen.NewWorldState, 2)]
    [TestCase(Reopen.ReloadedTree, 3)]
    [TestCase(Reopen.SameWorldState, 4)]
    [TestCase(Reopen.NewWorldState, 5)]
    public void RandomBlocks_MatchTheSelfContainedState(Reopen reopen, int seed)
    {
        var random = new Random(seed);
        Address[] addresses = [A, B, C, Missing, D, Address.FromLowUlong(3), Address.Parse("0x1000000000000000000000000000000000000000")];
        byte[][] codes = [CodeX, CodeY, [0x00], []];

        MkvsTree tree = Tree();
        var store = new Dictionary<Hash256, byte[]>();
        StoreNodes(tree, store);
        InMemoryWorldState reference = Reference();
        var expected = new ExpectedKeySet();
        expected.Build(reference);
        var state = new InMemoryWorldState(new MkvsStateReader(tree));
        int changedBlocks = 0;

        for (int block = 0; block < 25; block++)
        {
            if (block > 0 && reopen != Reopen.SameWorldState)
            {
                if (reopen == Reopen.ReloadedTree) tree = new MkvsTree(tree.Root, hash => store.GetValueOrDefault(hash));
                state = new InMemoryWorldState(new MkvsStateReader(tree));
            }
            int transactions = random.Next(1, 5);
            for (int tx = 0; tx < transactions; tx++)
            {
                state.BeginTransaction();
                reference.BeginTransaction();
                var snapshots = new Stack<(int Ours, int Theirs)>();
                int operations = random.Next(1, 25);
                for (int op = 0; op < operations; op++)
                {
                    Address address = addresses[random.Next(addresses.Length)];
                    UInt256 slot = Slots[random.Next(Slots.Length)];
                    ulong value = (ulong)random.Next(3);
                    byte[] code = codes[random.Next(codes.Length)];
                    switch (random.Next(14))
                    {
                        case 0: Both(state, reference, s => s.AddBalance(address, value)); break;
                        case 1:
                            if (reference.GetBalance(address) >= value) Both(state, reference, s => s.SubtractBalance(address, value));
                            break;
                        case 2: Both(state, reference, s => s.IncrementNonce(address)); break;
                        case 3: Both(state, reference, s => s.SetCode(address, code)); break;
                        case 4:
                        case 5:
                        case 11:
                        case 12: Both(state, reference, s => s.SetStorage(address, slot, value)); break;
                        case 6: Both(state, reference, s => s.CreateContractAccount(address)); break;
                        case 7: Both(state, reference, s => s.MarkSelfDestructed(address)); break;
                        case 8: Both(state, reference, s => s.Touch(address)); break;
                        case 9: snapshots.Push((state.TakeSnapshot(), reference.TakeSnapshot())); break;
                        case 10:
                            if (snapshots.TryPop(out var snapshot))
                            {
                                state.Restore(snapshot.Ours);
                                reference.Restore(snapshot.Theirs);
                            }
                            break;
                        default: break; // reads only
                    }
                    AssertSameView(state, reference, address, slot);
                }
                bool spuriousDragon = random.Next(4) != 0;
                state.CommitTransaction(spuriousDragon);
                reference.CommitTransaction(spuriousDragon);
                // Now and then read everything (after a commit: stale reads of dropped slots show here); not
                // always, so that later transactions still meet uncached accounts and slots.
                if (random.Next(3) == 0)
                {
                    foreach (Address address in addresses)
                    foreach (UInt256 slot in Slots) AssertSameView(state, reference, address, slot);
                }
            }

            BlockChanges changes = EndBlock(state, tree);
            if (!changes.IsEmpty) changedBlocks++;
            StoreNodes(tree, store);
            string where = $"seed {seed}, block {block}";
            Assert.That(EthereumRoot.Compute(tree), Is.EqualTo(reference.ComputeStateRoot()), where);
            Assert.That(tree.Root, Is.EqualTo(MkvsRoot.Compute(expected.Build(reference))), where);
        }
        Assert.That(changedBlocks, Is.GreaterThan(12), "the random blocks should mostly change something");
    }

    /// <summary>Slots 1, 2 (A's) and 7 (C's) are stored in the pre-state; 0 and 3 are not.</summary>
    private static readonly UInt256[] Slots = [0, 1, 2, 3, 7];

    private static void Both(InMemoryWorldState ours, InMemoryWorldState theirs, Action<InMemoryWorldState> operation)
    {
        operation(ours);
        operation(theirs);
    }

    private static void AssertSameView(InMemoryWorldState ours, InMemoryWorldState theirs, Address address, UInt256 slot)
    {
        Assert.That(ours.Exists(address), Is.EqualTo(theirs.Exists(address)));
        Assert.That(ours.IsDead(address), Is.EqualTo(theirs.IsDead(address)));
        Assert.That(ours.GetBalance(address), Is.EqualTo(theirs.GetBalance(address)));
        Assert.That(ours.GetNonce(address), Is.EqualTo(theirs.GetNonce(address)));
        Assert.That(ours.GetCodeHash(address), Is.EqualTo(theirs.GetCodeHash(address)));
        Assert.That(ours.GetCode(address), Is.EqualTo(theirs.GetCode(address)));
        Assert.That(ours.GetStorage(address, slot), Is.EqualTo(theirs.GetStorage(address, slot)));
        Assert.That(ours.GetOriginalStorage(address, slot), Is.EqualTo(theirs.GetOriginalStorage(address, slot)));
        // Over a backend HasStorage may say true for storage zeroed in this block (see IWorldState.HasStorage
        // remarks); it may never say false where the reference says true.
        if (theirs.HasStorage(address)) Assert.That(ours.HasStorage(address), Is.True);
    }

    private static void StoreNodes(MkvsTree tree, Dictionary<Hash256, byte[]> store)
    {
        foreach (var (hash, encoded) in tree.NewNodes) store[hash] = encoded;
    }
}
