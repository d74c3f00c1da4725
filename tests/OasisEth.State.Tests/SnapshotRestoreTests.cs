using OasisEth.Primitives;
using static OasisEth.State.Tests.TestAddresses;

namespace OasisEth.State.Tests;

public class SnapshotRestoreTests
{
    [Test]
    public void Restore_UndoesBalanceChanges()
    {
        var state = StateWith(A, 1, 100);
        int snapshot = state.TakeSnapshot();
        state.AddBalance(A, 50);
        state.SubtractBalance(A, 30);
        Assert.That(state.GetBalance(A), Is.EqualTo((UInt256)120));
        state.Restore(snapshot);
        Assert.That(state.GetBalance(A), Is.EqualTo((UInt256)100));
    }

    [Test]
    public void AddBalance_CarriesAcrossLimbs()
    {
        var state = StateWith(A, 0, ulong.MaxValue);
        state.AddBalance(A, 1);
        Assert.That(state.GetBalance(A), Is.EqualTo(new UInt256(0, 1)));
        state.SubtractBalance(A, 2);
        Assert.That(state.GetBalance(A), Is.EqualTo((UInt256)(ulong.MaxValue - 1)));
    }

    [Test]
    public void SubtractBalance_BelowZero_Throws()
    {
        var state = StateWith(A, 0, 5);
        Assert.Throws<InvalidOperationException>(() => state.SubtractBalance(A, 6));
        Assert.That(state.GetBalance(A), Is.EqualTo((UInt256)5));
    }

    [Test]
    public void Restore_UndoesNonceChanges()
    {
        var state = StateWith(A, 7, 1);
        int snapshot = state.TakeSnapshot();
        state.IncrementNonce(A);
        state.SetNonce(A, 42);
        Assert.That(state.GetNonce(A), Is.EqualTo(42UL));
        state.Restore(snapshot);
        Assert.That(state.GetNonce(A), Is.EqualTo(7UL));
    }

    [Test]
    public void Restore_UndoesCodeChange_AndItsCodeHash()
    {
        var state = StateWith(A, 1, 0, [0x00]);
        Hash256 before = state.GetCodeHash(A);
        int snapshot = state.TakeSnapshot();
        state.SetCode(A, [0x60, 0x01]);
        Assert.That(state.GetCodeHash(A), Is.Not.EqualTo(before));
        state.Restore(snapshot);
        Assert.That(state.GetCode(A), Is.EqualTo(new byte[] { 0x00 }));
        Assert.That(state.GetCodeHash(A), Is.EqualTo(before));
    }

    [Test]
    public void Restore_UndoesStorageWrites()
    {
        var state = StateWith(A, 1, 0, null, (1, 11));
        int snapshot = state.TakeSnapshot();
        state.SetStorage(A, 1, 12);
        state.SetStorage(A, 2, 22);
        state.SetStorage(A, 1, 13);
        state.Restore(snapshot);
        Assert.That(state.GetStorage(A, 1), Is.EqualTo((UInt256)11));
        Assert.That(state.GetStorage(A, 2), Is.EqualTo(UInt256.Zero));
    }

    [Test]
    public void Restore_UndoesTransientStorageWrites()
    {
        var state = new InMemoryWorldState();
        state.SetTransientStorage(A, 5, 50);
        int snapshot = state.TakeSnapshot();
        state.SetTransientStorage(A, 5, 51);
        state.SetTransientStorage(B, 5, 52);
        state.Restore(snapshot);
        Assert.That(state.GetTransientStorage(A, 5), Is.EqualTo((UInt256)50));
        Assert.That(state.GetTransientStorage(B, 5), Is.EqualTo(UInt256.Zero));
    }

    [Test]
    public void Restore_RemovesAccountCreatedByAddBalance()
    {
        var state = new InMemoryWorldState();
        int snapshot = state.TakeSnapshot();
        state.AddBalance(A, 9);
        Assert.That(state.Exists(A), Is.True);
        Assert.That(state.GetBalance(A), Is.EqualTo((UInt256)9));
        state.Restore(snapshot);
        Assert.That(state.Exists(A), Is.False);
        Assert.That(state.GetBalance(A), Is.EqualTo(UInt256.Zero));
    }

    [Test]
    public void Restore_RemovesAccountsCreatedBySetters()
    {
        var state = new InMemoryWorldState();
        int snapshot = state.TakeSnapshot();
        state.SetNonce(A, 1);
        state.SetStorage(B, 1, 1);
        state.Restore(snapshot);
        Assert.That(state.Exists(A), Is.False);
        Assert.That(state.Exists(B), Is.False);
    }

    [Test]
    public void NestedSnapshots_RestoreInnerKeepsOuterChanges()
    {
        var state = StateWith(A, 0, 100);
        int outer = state.TakeSnapshot();
        state.AddBalance(A, 1);
        state.SetStorage(A, 1, 1);
        int inner = state.TakeSnapshot();
        state.AddBalance(A, 10);
        state.SetStorage(A, 1, 2);
        state.Restore(inner);
        Assert.That(state.GetBalance(A), Is.EqualTo((UInt256)101));
        Assert.That(state.GetStorage(A, 1), Is.EqualTo((UInt256)1));
        Assert.That(state.TakeSnapshot(), Is.EqualTo(inner));
        state.Restore(outer);
        Assert.That(state.GetBalance(A), Is.EqualTo((UInt256)100));
        Assert.That(state.GetStorage(A, 1), Is.EqualTo(UInt256.Zero));
    }

    [Test]
    public void RestoreToOuter_AfterInnerWasLeftOpen_UndoesBoth()
    {
        var state = StateWith(A, 0, 100);
        int outer = state.TakeSnapshot();
        state.AddBalance(A, 1);
        _ = state.TakeSnapshot(); // inner frame succeeded: its snapshot is simply dropped
        state.AddBalance(A, 10);
        state.IncrementNonce(A);
        state.Restore(outer);
        Assert.That(state.GetBalance(A), Is.EqualTo((UInt256)100));
        Assert.That(state.GetNonce(A), Is.EqualTo(0UL));
    }

    [Test]
    public void Restore_ToSnapshotBeyondJournal_Throws()
    {
        var state = new InMemoryWorldState();
        state.AddBalance(A, 1);
        int snapshot = state.TakeSnapshot();
        state.Restore(0);
        Assert.Throws<ArgumentOutOfRangeException>(() => state.Restore(snapshot));
    }

    [Test]
    public void Journal_GrowsPastInitialCapacity_AndRestoresAll()
    {
        var state = StateWith(A, 0, 0);
        int snapshot = state.TakeSnapshot();
        for (ulong i = 0; i < 2000; i++) state.SetStorage(A, i, i + 1);
        Assert.That(state.GetStorage(A, 1999), Is.EqualTo((UInt256)2000));
        state.Restore(snapshot);
        Assert.That(state.HasStorage(A), Is.False);
    }
}
