using OasisEth.Mkvs;
using OasisEth.Primitives;
using static OasisEth.State.Mkvs.Tests.TestState;

namespace OasisEth.State.Mkvs.Tests;

/// <summary>The write-back cache in front of the latest state answers exactly like the plain reader.</summary>
public class CachingStateReaderTests
{
    private static readonly Address D = Address.Parse("0x0d00000000000000000000000000000000000000");
    private static readonly Address[] Addresses = [A, B, C, Missing, D, Address.FromLowUlong(3), Address.FromLowUlong(9), Address.Parse("0x1000000000000000000000000000000000000000")];
    private static readonly UInt256[] Slots = [0, 1, 2, 3, 7];
    private static readonly byte[][] Codes = [CodeX, CodeY, [0x00], []];

    /// <summary>
    /// Fixed-seed random blocks (self-destructs, re-creation, CREATE over storage, slots zeroed and set again,
    /// EIP-161 deletions, reverts), each on a new world state over the cache, committed to the tree and then
    /// applied to the cache. After every block every account, slot and code of the universe must read the same
    /// through the cache as through a plain reader over the tree; the reference state checks the blocks ran right.
    /// Tiny bounds force evictions between blocks; large ones keep everything.
    /// </summary>
    [TestCase(1, 2, 3, 8L)]
    [TestCase(2, 3, 7, 16L)]
    [TestCase(3, 1000, 1000, 1L << 20)]
    [TestCase(4, 1000, 1000, 1L << 20)]
    [TestCase(5, 5, 2, 1L)]
    public void RandomBlocks_ReadTheSameThroughTheCacheAsThroughThePlainReader(int seed, int maxAccounts, int maxSlots, long maxCode)
    {
        var random = new Random(seed);
        MkvsTree tree = Tree();
        InMemoryWorldState reference = Reference();
        var cache = new CachingStateReader(new MkvsStateReader(tree), maxAccounts, maxSlots, maxCode);
        int wipes = 0, zeroed = 0;
        for (int block = 0; block < 40; block++)
        {
            var state = new InMemoryWorldState(cache);
            int transactions = random.Next(1, 4);
            for (int tx = 0; tx < transactions; tx++)
            {
                state.BeginTransaction();
                reference.BeginTransaction();
                int snapshotOurs = -1, snapshotTheirs = -1;
                int operations = random.Next(1, 20);
                for (int op = 0; op < operations; op++)
                {
                    Address address = Addresses[random.Next(Addresses.Length)];
                    UInt256 slot = Slots[random.Next(Slots.Length)];
                    ulong value = (ulong)random.Next(3);
                    byte[] code = Codes[random.Next(Codes.Length)];
                    switch (random.Next(13))
                    {
                        case 0: Both(state, reference, s => s.AddBalance(address, value)); break;
                        case 1: Both(state, reference, s => s.IncrementNonce(address)); break;
                        case 2: Both(state, reference, s => s.SetCode(address, code)); break;
                        case 3:
                        case 4:
                        case 5:
                        case 6: Both(state, reference, s => s.SetStorage(address, slot, value)); break;
                        case 7: Both(state, reference, s => s.CreateContractAccount(address)); break;
                        case 8: Both(state, reference, s => s.MarkSelfDestructed(address)); break;
                        case 9: Both(state, reference, s => s.Touch(address)); break;
                        case 10:
                            snapshotOurs = state.TakeSnapshot();
                            snapshotTheirs = reference.TakeSnapshot();
                            break;
                        case 11:
                            if (snapshotOurs >= 0)
                            {
                                state.Restore(snapshotOurs);
                                reference.Restore(snapshotTheirs);
                                snapshotOurs = -1;
                            }
                            break;
                        default:
                            Assert.That(state.GetStorage(address, slot), Is.EqualTo(reference.GetStorage(address, slot)));
                            Assert.That(state.GetBalance(address), Is.EqualTo(reference.GetBalance(address)));
                            break;
                    }
                }
                bool spuriousDragon = random.Next(4) != 0;
                state.CommitTransaction(spuriousDragon);
                reference.CommitTransaction(spuriousDragon);
            }
            BlockChanges changes = EndBlock(state, tree);
            wipes += changes.StorageWipes.Count;
            foreach (var change in changes.Storage) if (change.Value.IsZero) zeroed++;
            cache.Apply(changes);

            string where = $"seed {seed}, block {block}";
            Assert.That(EthereumRoot.Compute(tree), Is.EqualTo(reference.ComputeStateRoot()), where);
            // Compare in a random order (and only part of the universe sometimes), so later blocks meet both
            // cached and uncached entries.
            var plain = new MkvsStateReader(tree);
            foreach (Address address in Addresses.OrderBy(_ => random.Next()).Take(random.Next(2) == 0 ? Addresses.Length : 3))
            {
                bool plainExists = plain.TryGetAccount(address, out var plainAccount);
                bool cachedExists = cache.TryGetAccount(address, out var cachedAccount);
                Assert.That(cachedExists, Is.EqualTo(plainExists), $"{where}: exists {address}");
                Assert.That(cachedAccount, Is.EqualTo(plainAccount), $"{where}: account {address}");
                if (plainExists && plainAccount.CodeHash != Hash256.EmptyCode)
                    Assert.That(cache.GetCode(plainAccount.CodeHash), Is.EqualTo(plain.GetCode(plainAccount.CodeHash)), where);
                foreach (UInt256 slot in Slots)
                    Assert.That(cache.GetStorage(address, slot), Is.EqualTo(plain.GetStorage(address, slot)), $"{where}: slot {slot} of {address}");
            }
        }
        Assert.That(wipes, Is.GreaterThan(0), "the blocks should wipe storage");
        Assert.That(zeroed, Is.GreaterThan(0), "the blocks should zero slots");
        Assert.That(cache.Stats.Hits, Is.GreaterThan(0));
    }

    [Test]
    public void WrittenAccountsAndSlotsAreServedFromMemoryInTheNextBlock()
    {
        MkvsTree tree = Tree();
        var counting = new CountingReader(new MkvsStateReader(tree));
        var cache = new CachingStateReader(counting);
        var block1 = new InMemoryWorldState(cache);
        block1.BeginTransaction();
        block1.AddBalance(B, 5);
        block1.SetStorage(A, 1, 12);
        block1.SetStorage(A, 9, 99); // a slot the pre-state does not have
        block1.CreateContractAccount(D);
        block1.SetCode(D, CodeY);
        block1.SetStorage(D, 4, 44);
        block1.CommitTransaction(true);
        cache.Apply(EndBlock(block1, tree));
        int readsAfterBlock1 = counting.TotalReads;

        var block2 = new InMemoryWorldState(cache);
        Assert.That(block2.GetBalance(B), Is.EqualTo((UInt256)55));
        Assert.That(block2.GetStorage(A, 1), Is.EqualTo((UInt256)12));
        Assert.That(block2.GetStorage(A, 9), Is.EqualTo((UInt256)99));
        Assert.That(block2.GetStorage(D, 4), Is.EqualTo((UInt256)44));
        Assert.That(block2.GetCode(D), Is.EqualTo(CodeY));
        Assert.That(block2.HasStorage(D), Is.True);
        Assert.That(counting.TotalReads, Is.EqualTo(readsAfterBlock1), "the block's own writes should not reach the backend");
    }

    [Test]
    public void ZeroingAnAccountsLastSlotIsNotAnsweredFromAStaleStorageFlag()
    {
        MkvsTree tree = Tree();
        var cache = new CachingStateReader(new MkvsStateReader(tree));
        Assert.That(cache.TryGetAccount(C, out var before), Is.True);
        Assert.That(before.HasStorage, Is.True);
        var block = new InMemoryWorldState(cache);
        block.BeginTransaction();
        block.SetStorage(C, 7, 0); // C's only slot
        block.AddBalance(C, 1);
        block.CommitTransaction(false);
        cache.Apply(EndBlock(block, tree));
        Assert.That(cache.TryGetAccount(C, out var after), Is.True);
        Assert.That(after.HasStorage, Is.False);
        Assert.That(after.Balance, Is.EqualTo((UInt256)1));
    }

    [Test]
    public void ClearForgetsEverything()
    {
        MkvsTree tree = Tree();
        var counting = new CountingReader(new MkvsStateReader(tree));
        var cache = new CachingStateReader(counting);
        cache.GetStorage(A, 1);
        cache.GetStorage(A, 1);
        Assert.That(counting.SlotReads[(A, (UInt256)1)], Is.EqualTo(1));
        cache.Clear();
        Assert.That(cache.Counts, Is.EqualTo((0, 0, 0)));
        cache.GetStorage(A, 1);
        Assert.That(counting.SlotReads[(A, (UInt256)1)], Is.EqualTo(2));
    }

    private static void Both(InMemoryWorldState ours, InMemoryWorldState theirs, Action<InMemoryWorldState> operation)
    {
        operation(ours);
        operation(theirs);
    }
}
