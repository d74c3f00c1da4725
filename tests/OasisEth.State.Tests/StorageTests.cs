using OasisEth.Primitives;
using static OasisEth.State.Tests.TestAddresses;

namespace OasisEth.State.Tests;

public class StorageTests
{
    [Test]
    public void MissingAccountOrSlot_ReadsZero()
    {
        var state = StateWith(A, 1, 0, null, (1, 5));
        Assert.That(state.GetStorage(B, 1), Is.EqualTo(UInt256.Zero));
        Assert.That(state.GetStorage(A, 2), Is.EqualTo(UInt256.Zero));
        Assert.That(state.GetOriginalStorage(B, 1), Is.EqualTo(UInt256.Zero));
        Assert.That(state.GetStorage(A, 1), Is.EqualTo((UInt256)5));
    }

    [Test]
    public void OriginalStorage_IsValueAtTransactionStart_ThroughWritesAndReverts()
    {
        var state = StateWith(A, 1, 0, null, (1, 5));
        state.BeginTransaction();
        state.SetStorage(A, 1, 6);
        Assert.That(state.GetOriginalStorage(A, 1), Is.EqualTo((UInt256)5));
        int snapshot = state.TakeSnapshot();
        state.SetStorage(A, 1, 0);
        Assert.That(state.GetStorage(A, 1), Is.EqualTo(UInt256.Zero));
        Assert.That(state.GetOriginalStorage(A, 1), Is.EqualTo((UInt256)5));
        state.Restore(snapshot);
        Assert.That(state.GetStorage(A, 1), Is.EqualTo((UInt256)6));
        Assert.That(state.GetOriginalStorage(A, 1), Is.EqualTo((UInt256)5));
    }

    [Test]
    public void Commit_MakesCurrentStorageTheNewOriginal()
    {
        var state = StateWith(A, 1, 0, null, (1, 5));
        state.BeginTransaction();
        state.SetStorage(A, 1, 6);
        state.SetStorage(A, 2, 7);
        state.CommitTransaction(deleteTouchedEmpty: true);
        state.BeginTransaction();
        Assert.That(state.GetOriginalStorage(A, 1), Is.EqualTo((UInt256)6));
        Assert.That(state.GetOriginalStorage(A, 2), Is.EqualTo((UInt256)7));
    }

    [Test]
    public void Commit_OfRevertedWrite_KeepsOldOriginal()
    {
        var state = StateWith(A, 1, 0, null, (1, 5));
        state.BeginTransaction();
        int snapshot = state.TakeSnapshot();
        state.SetStorage(A, 1, 6);
        state.Restore(snapshot);
        state.CommitTransaction(deleteTouchedEmpty: true);
        Assert.That(state.GetOriginalStorage(A, 1), Is.EqualTo((UInt256)5));
        Assert.That(state.GetStorage(A, 1), Is.EqualTo((UInt256)5));
    }

    [Test]
    public void WriteBetweenTransactions_BecomesOriginalOfNextTransaction()
    {
        var state = StateWith(A, 1, 0, null, (1, 5));
        state.SetStorage(A, 1, 8); // outside any transaction, e.g. a system call
        state.BeginTransaction();
        Assert.That(state.GetOriginalStorage(A, 1), Is.EqualTo((UInt256)8));
    }

    [Test]
    public void SlotSetToZero_CountsAsAbsentForHasStorage()
    {
        var state = StateWith(A, 1, 0, null, (1, 5));
        Assert.That(state.HasStorage(A), Is.True);
        state.BeginTransaction();
        state.SetStorage(A, 1, 0);
        // Committed value is still non-zero within the transaction.
        Assert.That(state.HasStorage(A), Is.True);
        state.CommitTransaction(deleteTouchedEmpty: true);
        Assert.That(state.HasStorage(A), Is.False);
        Assert.That(state.GetStorage(A, 1), Is.EqualTo(UInt256.Zero));
    }

    [Test]
    public void HasStorage_SeesUncommittedWrite()
    {
        var state = StateWith(A, 1, 0);
        Assert.That(state.HasStorage(A), Is.False);
        state.SetStorage(A, 3, 1);
        Assert.That(state.HasStorage(A), Is.True);
        Assert.That(state.HasStorage(B), Is.False);
    }

    [Test]
    public void TransientStorage_ClearedOnCommit()
    {
        var state = StateWith(A, 1, 0);
        state.BeginTransaction();
        state.SetTransientStorage(A, 1, 99);
        Assert.That(state.GetTransientStorage(A, 1), Is.EqualTo((UInt256)99));
        Assert.That(state.GetStorage(A, 1), Is.EqualTo(UInt256.Zero));
        state.CommitTransaction(deleteTouchedEmpty: true);
        Assert.That(state.GetTransientStorage(A, 1), Is.EqualTo(UInt256.Zero));
    }

    [Test]
    public void WideKeysAndValues_RoundTrip()
    {
        var state = new InMemoryWorldState();
        var key = new UInt256(1, 2, 3, 4);
        var value = new UInt256(ulong.MaxValue, 0, 0, ulong.MaxValue);
        state.SetStorage(A, key, value);
        Assert.That(state.GetStorage(A, key), Is.EqualTo(value));
        Assert.That(state.GetStorage(A, new UInt256(1, 2, 3, 5)), Is.EqualTo(UInt256.Zero));
    }
}
