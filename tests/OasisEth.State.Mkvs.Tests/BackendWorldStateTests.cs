using OasisEth.Mkvs;
using OasisEth.Primitives;
using static OasisEth.State.Mkvs.Tests.TestState;

namespace OasisEth.State.Mkvs.Tests;

/// <summary>InMemoryWorldState over an IStateReader: what it reads, when, and how often.</summary>
public class BackendWorldStateTests
{
    private static (InMemoryWorldState State, CountingReader Reader) Open(MkvsTree? tree = null)
    {
        var reader = new CountingReader(new MkvsStateReader(tree ?? Tree()));
        return (new InMemoryWorldState(reader), reader);
    }

    [Test]
    public void Opening_ReadsNothing()
    {
        var (state, reader) = Open();
        state.BeginTransaction();
        Assert.That(reader.TotalReads, Is.Zero);
    }

    [Test]
    public void EachAccountSlotAndCode_IsReadOncePerBlock()
    {
        var (state, reader) = Open();
        for (int tx = 0; tx < 3; tx++)
        {
            state.BeginTransaction();
            Assert.That(state.GetBalance(A), Is.EqualTo((UInt256)100));
            Assert.That(state.GetNonce(A), Is.EqualTo(1UL));
            Assert.That(state.GetCode(A), Is.EqualTo(CodeX));
            Assert.That(state.GetCodeHash(A), Is.EqualTo(Keccak.Compute(CodeX)));
            Assert.That(state.GetStorage(A, 1), Is.EqualTo((UInt256)11));
            Assert.That(state.GetOriginalStorage(A, 1), Is.EqualTo((UInt256)11));
            Assert.That(state.GetStorage(A, 3), Is.EqualTo(UInt256.Zero));
            Assert.That(state.Exists(Missing), Is.False);
            Assert.That(state.IsDead(Missing), Is.True);
            Assert.That(state.GetBalance(Missing), Is.EqualTo(UInt256.Zero));
            state.CommitTransaction(true);
        }
        Assert.That(reader.AccountReads, Is.EqualTo(new Dictionary<Address, int> { [A] = 1, [Missing] = 1 }));
        Assert.That(reader.SlotReads, Is.EqualTo(new Dictionary<(Address, UInt256), int> { [(A, 1)] = 1, [(A, 3)] = 1 }));
        Assert.That(reader.CodeReads, Is.EqualTo(new Dictionary<Hash256, int> { [Keccak.Compute(CodeX)] = 1 }));
    }

    [Test]
    public void CodeHash_AndEmptiness_NeedNoCodeRead()
    {
        var (state, reader) = Open();
        Assert.That(state.GetCodeHash(A), Is.EqualTo(Keccak.Compute(CodeX)));
        Assert.That(state.IsDead(A), Is.False);
        Assert.That(state.IsDead(C), Is.True); // nonce 0, balance 0, no code: dead even with storage
        Assert.That(reader.CodeReads, Is.Empty);
    }

    [Test]
    public void AccountWithoutStorage_IsNeverAskedForSlots()
    {
        var (state, reader) = Open();
        Assert.That(state.GetStorage(B, 1), Is.EqualTo(UInt256.Zero));
        state.SetStorage(B, 2, 5);
        Assert.That(state.GetOriginalStorage(B, 2), Is.EqualTo(UInt256.Zero));
        Assert.That(reader.SlotReads, Is.Empty);
    }

    [Test]
    public void HasStorage_ComesFromTheBackend()
    {
        var (state, _) = Open();
        Assert.That(state.HasStorage(A), Is.True);
        Assert.That(state.HasStorage(B), Is.False);
        Assert.That(state.HasStorage(C), Is.True); // EIP-7610: no code, no nonce, but storage
        Assert.That(state.HasStorage(Missing), Is.False);
    }

    [Test]
    public void SetStorage_OnAnUncachedSlot_KeepsTheStoredValueAsOriginal()
    {
        var (state, reader) = Open();
        state.BeginTransaction();
        state.SetStorage(A, 2, 99);
        Assert.That(state.GetOriginalStorage(A, 2), Is.EqualTo((UInt256)22)); // EIP-2200 gas depends on this
        Assert.That(state.GetStorage(A, 2), Is.EqualTo((UInt256)99));
        Assert.That(reader.SlotReads[(A, 2)], Is.EqualTo(1));
    }

    [Test]
    public void Loads_SurviveARevert()
    {
        var (state, reader) = Open();
        state.BeginTransaction();
        int snapshot = state.TakeSnapshot();
        _ = state.GetStorage(A, 1);
        _ = state.GetCode(A);
        _ = state.Exists(Missing);
        state.Restore(snapshot);
        Assert.That(state.GetStorage(A, 1), Is.EqualTo((UInt256)11));
        Assert.That(state.Exists(Missing), Is.False);
        Assert.That(reader.TotalReads, Is.EqualTo(4)); // A, slot 1, code, Missing: once each
    }

    [Test]
    public void RevertedWrites_RestoreTheStoredValues()
    {
        var (state, _) = Open();
        state.BeginTransaction();
        int snapshot = state.TakeSnapshot();
        state.SetStorage(A, 1, 0);
        state.AddBalance(A, 5);
        state.SetCode(A, CodeY);
        state.CreateContractAccount(C);
        state.Restore(snapshot);
        Assert.That(state.GetStorage(A, 1), Is.EqualTo((UInt256)11));
        Assert.That(state.GetBalance(A), Is.EqualTo((UInt256)100));
        Assert.That(state.GetCode(A), Is.EqualTo(CodeX));
        Assert.That(state.GetStorage(C, 7), Is.EqualTo((UInt256)77));
    }

    [Test]
    public void ZeroedStoredSlot_StaysZero_AcrossTransactions()
    {
        var (state, reader) = Open();
        state.BeginTransaction();
        state.SetStorage(A, 1, 0);
        state.CommitTransaction(true);
        state.BeginTransaction();
        // Were the zero slot dropped at commit, this read would fetch the stale 11 from the tree.
        Assert.That(state.GetStorage(A, 1), Is.EqualTo(UInt256.Zero));
        Assert.That(state.GetOriginalStorage(A, 1), Is.EqualTo(UInt256.Zero));
        Assert.That(reader.SlotReads[(A, 1)], Is.EqualTo(1));
    }

    [Test]
    public void CreateContractAccount_OverStoredSlots_StartsWithEmptyStorage_KeepingTheBalance()
    {
        var (state, reader) = Open();
        state.BeginTransaction();
        state.CreateContractAccount(A);
        Assert.That(state.GetStorage(A, 1), Is.EqualTo(UInt256.Zero));
        Assert.That(state.GetCode(A), Is.Empty);
        Assert.That(state.GetNonce(A), Is.Zero);
        Assert.That(state.GetBalance(A), Is.EqualTo((UInt256)100));
        Assert.That(reader.SlotReads, Is.Empty);
    }

    [Test]
    public void SelfDestructedAccount_IsGone_AfterTheTransaction_WithoutReadingAgain()
    {
        var (state, reader) = Open();
        state.BeginTransaction();
        state.MarkSelfDestructed(A);
        state.CommitTransaction(true);
        Assert.That(state.Exists(A), Is.False);
        Assert.That(state.GetStorage(A, 1), Is.EqualTo(UInt256.Zero));
        Assert.That(reader.AccountReads[A], Is.EqualTo(1));
    }

    [Test]
    public void RootAndDump_AreRefused_OverABackend()
    {
        var (state, _) = Open();
        Assert.Throws<InvalidOperationException>(() => state.ComputeStateRoot());
        Assert.Throws<InvalidOperationException>(() => state.Dump());
        Assert.That(state.HasBackend, Is.True);
        Assert.That(new InMemoryWorldState().HasBackend, Is.False);
    }
}
