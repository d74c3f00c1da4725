using OasisEth.Primitives;
using static OasisEth.State.Tests.TestAddresses;

namespace OasisEth.State.Tests;

public class LifecycleTests
{
    [Test]
    public void SelfDestructed_AccountDeletedWithStorageOnCommit()
    {
        var state = StateWith(A, 1, 100, [0x00], (1, 1));
        state.BeginTransaction();
        state.MarkSelfDestructed(A);
        Assert.That(state.Exists(A), Is.True); // deletion waits for the end of the transaction
        state.CommitTransaction(deleteTouchedEmpty: false);
        Assert.That(state.Exists(A), Is.False);
        Assert.That(state.GetStorage(A, 1), Is.EqualTo(UInt256.Zero));
        Assert.That(state.HasStorage(A), Is.False);
        Assert.That(state.IsSelfDestructed(A), Is.False);
    }

    [Test]
    public void RecreatedAfterSelfDestructInLaterTransaction_StartsWithNoStorage()
    {
        var state = StateWith(A, 1, 100, [0x00], (1, 1));
        state.MarkSelfDestructed(A);
        state.CommitTransaction(deleteTouchedEmpty: true);
        state.BeginTransaction();
        state.AddBalance(A, 5);
        Assert.That(state.GetStorage(A, 1), Is.EqualTo(UInt256.Zero));
        Assert.That(state.GetNonce(A), Is.EqualTo(0UL));
        Assert.That(state.GetBalance(A), Is.EqualTo((UInt256)5));
    }

    [Test]
    public void Commit_EmptiesJournal()
    {
        var state = StateWith(A, 1, 100);
        state.AddBalance(A, 1);
        Assert.That(state.TakeSnapshot(), Is.GreaterThan(0));
        state.CommitTransaction(deleteTouchedEmpty: true);
        Assert.That(state.TakeSnapshot(), Is.EqualTo(0));
        state.Restore(0); // nothing left to undo
        Assert.That(state.GetBalance(A), Is.EqualTo((UInt256)101));
    }

    [Test]
    public void BeginAfterCommit_IsHarmless()
    {
        var state = StateWith(A, 1, 100, null, (1, 1));
        state.BeginTransaction();
        state.SetStorage(A, 1, 2);
        state.CommitTransaction(deleteTouchedEmpty: true);
        state.BeginTransaction();
        Assert.That(state.GetStorage(A, 1), Is.EqualTo((UInt256)2));
        Assert.That(state.GetOriginalStorage(A, 1), Is.EqualTo((UInt256)2));
        Assert.That(state.Exists(A), Is.True);
    }

    [Test]
    public void IsDead_CoversMissingAndEmpty()
    {
        var state = new InMemoryWorldState();
        state.SetAccount(A, 0, 0, [], []);
        state.SetAccount(B, 1, 0, [], []);
        Assert.That(state.IsDead(A), Is.True);
        Assert.That(state.IsDead(B), Is.False);
        Assert.That(state.IsDead(Ripemd), Is.True);
        Assert.That(state.Exists(A), Is.True);
        Assert.That(state.Exists(Ripemd), Is.False);
        state.SetCode(A, [0x00]);
        Assert.That(state.IsDead(A), Is.False);
    }

    [Test]
    public void CodeHash_ZeroForMissing_EmptyCodeForNoCode_KeccakOtherwise()
    {
        var state = new InMemoryWorldState();
        state.SetAccount(A, 0, 1, [], []);
        state.SetAccount(B, 0, 1, [0x00], []);
        Assert.That(state.GetCodeHash(Ripemd), Is.EqualTo(Hash256.Zero));
        Assert.That(state.GetCodeHash(A), Is.EqualTo(Hash256.EmptyCode));
        // keccak256(0x00)
        Assert.That(state.GetCodeHash(B),
            Is.EqualTo(Hash256.Parse("0xbc36789e7a1e281436464229828f817d6612f7b477d66591ff96a9e064bcc98a")));
        state.SetCode(B, []);
        Assert.That(state.GetCodeHash(B), Is.EqualTo(Hash256.EmptyCode));
    }

    [Test]
    public void Dump_SortsAccountsAndStorage_OmitsZeroSlots()
    {
        var state = new InMemoryWorldState();
        state.SetAccount(B, 2, 20, [0x01], [new(9, 90), new(3, 30), new(5, 0)]);
        state.SetAccount(A, 1, 10, [], []);
        state.SetStorage(B, 3, 0);
        IReadOnlyList<InMemoryWorldState.AccountDump> dump = state.Dump();
        Assert.That(dump, Has.Count.EqualTo(2));
        Assert.That(dump[0].Address, Is.EqualTo(A));
        Assert.That(dump[1].Address, Is.EqualTo(B));
        Assert.That(dump[1].Nonce, Is.EqualTo(2UL));
        Assert.That(dump[1].Balance, Is.EqualTo((UInt256)20));
        Assert.That(dump[1].Code, Is.EqualTo(new byte[] { 0x01 }));
        Assert.That(dump[1].Storage, Is.EqualTo(new[] { new KeyValuePair<UInt256, UInt256>(9, 90) }));
    }
}
