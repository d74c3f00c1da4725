using OasisEth.Primitives;
using static OasisEth.State.Tests.TestAddresses;

namespace OasisEth.State.Tests;

public class CreateContractAccountTests
{
    [Test]
    public void KeepsBalance_ClearsNonceCodeAndStorage()
    {
        var state = StateWith(A, 5, 1000, [0x60, 0x00], (1, 7));
        state.CreateContractAccount(A);
        Assert.That(state.GetBalance(A), Is.EqualTo((UInt256)1000));
        Assert.That(state.GetNonce(A), Is.EqualTo(0UL));
        Assert.That(state.GetCode(A), Is.Empty);
        Assert.That(state.GetStorage(A, 1), Is.EqualTo(UInt256.Zero));
        Assert.That(state.GetOriginalStorage(A, 1), Is.EqualTo(UInt256.Zero));
        Assert.That(state.HasStorage(A), Is.False);
        Assert.That(state.IsCreatedInTransaction(A), Is.True);
    }

    [Test]
    public void OnMissingAddress_CreatesEmptyAccount()
    {
        var state = new InMemoryWorldState();
        state.CreateContractAccount(A);
        Assert.That(state.Exists(A), Is.True);
        Assert.That(state.GetBalance(A), Is.EqualTo(UInt256.Zero));
        Assert.That(state.GetCodeHash(A), Is.EqualTo(Hash256.EmptyCode));
    }

    [Test]
    public void Restore_BringsBackPreviousAccountWhole()
    {
        var state = StateWith(A, 5, 1000, [0x60, 0x00], (1, 7));
        int snapshot = state.TakeSnapshot();
        state.CreateContractAccount(A);
        state.SetNonce(A, 1);
        state.SetCode(A, [0xfe]);
        state.SetStorage(A, 2, 9);
        state.AddBalance(A, 1);
        state.Restore(snapshot);
        Assert.That(state.GetNonce(A), Is.EqualTo(5UL));
        Assert.That(state.GetBalance(A), Is.EqualTo((UInt256)1000));
        Assert.That(state.GetCode(A), Is.EqualTo(new byte[] { 0x60, 0x00 }));
        Assert.That(state.GetStorage(A, 1), Is.EqualTo((UInt256)7));
        Assert.That(state.GetStorage(A, 2), Is.EqualTo(UInt256.Zero));
        Assert.That(state.IsCreatedInTransaction(A), Is.False);
    }

    [Test]
    public void Restore_OfCreationOnMissingAddress_RemovesIt()
    {
        var state = new InMemoryWorldState();
        int snapshot = state.TakeSnapshot();
        state.CreateContractAccount(A);
        state.SetNonce(A, 1);
        state.Restore(snapshot);
        Assert.That(state.Exists(A), Is.False);
        Assert.That(state.IsCreatedInTransaction(A), Is.False);
    }

    [Test]
    public void CreatedMark_ClearedByCommit()
    {
        var state = new InMemoryWorldState();
        state.BeginTransaction();
        state.CreateContractAccount(A);
        state.SetNonce(A, 1);
        state.CommitTransaction(deleteTouchedEmpty: true);
        Assert.That(state.Exists(A), Is.True);
        Assert.That(state.IsCreatedInTransaction(A), Is.False);
    }
}
