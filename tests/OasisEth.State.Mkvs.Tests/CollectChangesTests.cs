using OasisEth.Mkvs;
using OasisEth.Primitives;
using static OasisEth.State.Mkvs.Tests.TestState;

namespace OasisEth.State.Mkvs.Tests;

/// <summary>What a block reports, case by case; each case also checks the tree against the reference state.</summary>
public class CollectChangesTests
{
    private MkvsTree _tree = null!;
    private InMemoryWorldState _state = null!;
    private InMemoryWorldState _reference = null!;

    [SetUp]
    public void SetUp()
    {
        _tree = Tree();
        _state = new InMemoryWorldState(new MkvsStateReader(_tree));
        _reference = Reference();
    }

    /// <summary>Runs <paramref name="body"/> as one transaction on both states, then ends the block on the tree.</summary>
    private BlockChanges Block(Action<InMemoryWorldState> body, bool deleteTouchedEmpty = true)
    {
        foreach (InMemoryWorldState s in new[] { _state, _reference })
        {
            s.BeginTransaction();
            body(s);
            s.CommitTransaction(deleteTouchedEmpty);
        }
        BlockChanges changes = EndBlock(_state, _tree);
        Assert.That(EthereumRoot.Compute(_tree), Is.EqualTo(_reference.ComputeStateRoot()), "tree and reference disagree");
        return changes;
    }

    [Test]
    public void ReadsAndTouches_ReportNothing()
    {
        BlockChanges changes = Block(s =>
        {
            _ = s.GetBalance(A);
            _ = s.GetStorage(A, 1);
            s.Touch(A);
            s.AddBalance(B, 0);
        });
        Assert.That(changes.IsEmpty, Is.True);
    }

    [Test]
    public void RevertedWrites_ReportNothing()
    {
        BlockChanges changes = Block(s =>
        {
            int snapshot = s.TakeSnapshot();
            s.AddBalance(A, 1);
            s.SetStorage(A, 1, 12);
            s.SetStorage(B, 1, 1);
            s.SetCode(B, CodeY);
            s.IncrementNonce(Missing);
            s.Restore(snapshot);
        });
        Assert.That(changes.IsEmpty, Is.True);
    }

    [Test]
    public void ValueChanges_AreReportedSorted()
    {
        BlockChanges changes = Block(s =>
        {
            s.SetStorage(B, 9, 1);
            s.SetStorage(A, 2, 0);
            s.SetStorage(A, 1, 12);
            s.SetStorage(A, new UInt256(0, 1), 3);
            s.SubtractBalance(A, 40);
            s.AddBalance(B, 40);
        });
        Assert.That(changes.Accounts, Is.EqualTo(new[]
        {
            new AccountUpdate(A, 1, 60, Keccak.Compute(CodeX)),
            new AccountUpdate(B, 0, 90, Hash256.EmptyCode),
        }));
        Assert.That(changes.Storage, Is.EqualTo(new[]
        {
            new StorageChange(A, 1, 12),
            new StorageChange(A, 2, 0),
            new StorageChange(A, new UInt256(0, 1), 3),
            new StorageChange(B, 9, 1),
        }));
        Assert.That(changes.Deleted, Is.Empty);
        Assert.That(changes.StorageWipes, Is.Empty);
        Assert.That(changes.Code, Is.Empty);
    }

    [Test]
    public void NewAccountWithCode_ReportsItsCodeOnce_EvenWhenShared()
    {
        var d = Address.Parse("0x0d00000000000000000000000000000000000000");
        BlockChanges changes = Block(s =>
        {
            s.CreateContractAccount(Missing);
            s.SetCode(Missing, CodeY);
            s.SetStorage(Missing, 1, 1);
            s.CreateContractAccount(d);
            s.SetCode(d, CodeY);
        });
        Assert.That(changes.Accounts.Select(a => a.Address), Is.EqualTo(new[] { d, Missing }));
        Assert.That(changes.Code, Has.Count.EqualTo(1));
        Assert.That(changes.Code[0].Hash, Is.EqualTo(Keccak.Compute(CodeY)));
        Assert.That(changes.Code[0].Code, Is.EqualTo(CodeY));
        Assert.That(changes.Storage, Is.EqualTo(new[] { new StorageChange(Missing, 1, 1) }));
        Assert.That(_tree.Get(StateSchema.CodeKey(Keccak.Compute(CodeY))), Is.EqualTo(CodeY));
    }

    [Test]
    public void SelfDestructOfStoredAccount_DeletesIt_AndWipesItsStorage()
    {
        BlockChanges changes = Block(s =>
        {
            s.AddBalance(B, s.GetBalance(A));
            s.SubtractBalance(A, s.GetBalance(A));
            s.MarkSelfDestructed(A);
        });
        Assert.That(changes.Deleted, Is.EqualTo(new[] { A }));
        Assert.That(changes.StorageWipes, Is.EqualTo(new[] { A }));
        Assert.That(_tree.Get(StateSchema.StorageKey(A, 1)), Is.Null);
        Assert.That(_tree.Get(StateSchema.AccountKey(A)), Is.Null);
    }

    [Test]
    public void TouchedEmptyAccountWithStorage_IsDeleted_WithItsStorage()
    {
        BlockChanges changes = Block(s => s.AddBalance(C, 0)); // EIP-161: touched and empty
        Assert.That(changes.Deleted, Is.EqualTo(new[] { C }));
        Assert.That(changes.StorageWipes, Is.EqualTo(new[] { C }));
        Assert.That(_tree.Get(StateSchema.StorageKey(C, 7)), Is.Null);
    }

    [Test]
    public void CreateOverLeftoverStorage_WipesIt_AndWritesOnlyTheNewSlots()
    {
        BlockChanges changes = Block(s =>
        {
            s.CreateContractAccount(C);
            s.IncrementNonce(C);
            s.SetStorage(C, 8, 88);
            s.SetCode(C, CodeY);
        });
        Assert.That(changes.StorageWipes, Is.EqualTo(new[] { C }));
        Assert.That(changes.Deleted, Is.Empty);
        Assert.That(changes.Accounts, Is.EqualTo(new[] { new AccountUpdate(C, 1, 0, Keccak.Compute(CodeY)) }));
        Assert.That(changes.Storage, Is.EqualTo(new[] { new StorageChange(C, 8, 88) }));
        Assert.That(_tree.Get(StateSchema.StorageKey(C, 7)), Is.Null);
    }

    [Test]
    public void DeletedThenRecreated_InOneBlock_IsAWipeAndAnUpdate()
    {
        foreach (InMemoryWorldState s in new[] { _state, _reference })
        {
            s.BeginTransaction();
            s.MarkSelfDestructed(A);
            s.CommitTransaction(true);
            s.BeginTransaction();
            s.AddBalance(A, 3);
            s.SetStorage(A, 2, 5);
            s.CommitTransaction(true);
        }
        BlockChanges changes = EndBlock(_state, _tree);
        Assert.That(changes.Deleted, Is.Empty);
        Assert.That(changes.StorageWipes, Is.EqualTo(new[] { A }));
        Assert.That(changes.Accounts, Is.EqualTo(new[] { new AccountUpdate(A, 0, 3, Hash256.EmptyCode) }));
        Assert.That(changes.Storage, Is.EqualTo(new[] { new StorageChange(A, 2, 5) }));
        Assert.That(EthereumRoot.Compute(_tree), Is.EqualTo(_reference.ComputeStateRoot()));
    }

    [Test]
    public void SlotChangedInOneTransaction_AndZeroedInTheNext_IsADelete()
    {
        foreach (InMemoryWorldState s in new[] { _state, _reference })
        {
            s.BeginTransaction();
            s.SetStorage(A, 1, 5);
            s.SetStorage(A, 4, 4);
            s.CommitTransaction(true);
            s.BeginTransaction();
            s.SetStorage(A, 1, 0);
            s.SetStorage(A, 4, 0);
            s.CommitTransaction(true);
        }
        BlockChanges changes = EndBlock(_state, _tree);
        Assert.That(changes.Storage, Is.EqualTo(new[] { new StorageChange(A, 1, 0), new StorageChange(A, 4, 0) }));
        Assert.That(_tree.Get(StateSchema.StorageKey(A, 1)), Is.Null);
        Assert.That(EthereumRoot.Compute(_tree), Is.EqualTo(_reference.ComputeStateRoot()));
    }

    [Test]
    public void Tracking_IsReset_ByCollect()
    {
        Block(s => s.AddBalance(A, 1));
        Assert.That(_state.CollectChanges().IsEmpty, Is.True);
    }

    [Test]
    public void WithoutBackend_SetAccountIsAChange_SoAGenesisCanBeWrittenOut()
    {
        BlockChanges genesis = Reference().CollectChanges();
        Assert.That(genesis.Accounts.Select(a => a.Address), Is.EqualTo(new[] { A, B, C }));
        Assert.That(genesis.StorageWipes, Is.Empty);
        var tree = new MkvsTree();
        MkvsStateWriter.Apply(tree, genesis);
        tree.Commit();
        Assert.That(tree.Root, Is.EqualTo(Tree().Root));
    }

    [Test]
    public void OpenTransaction_IsClosedByCollect()
    {
        _state.BeginTransaction();
        _state.SetStorage(A, 1, 13);
        BlockChanges changes = _state.CollectChanges(); // as after a block reward paid outside any transaction
        Assert.That(changes.Storage, Is.EqualTo(new[] { new StorageChange(A, 1, 13) }));
    }
}
