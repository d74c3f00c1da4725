using OasisEth.Primitives;
using static OasisEth.State.Tests.TestAddresses;

namespace OasisEth.State.Tests;

/// <summary>EIP-161 touches and the deletion of touched empty accounts at commit.</summary>
public class TouchTests
{
    private static InMemoryWorldState WithEmptyAccounts(params Address[] addresses)
    {
        var state = new InMemoryWorldState();
        foreach (Address address in addresses) state.SetAccount(address, 0, 0, [], []);
        state.BeginTransaction();
        return state;
    }

    [Test]
    public void TouchedEmptyAccount_DeletedWhenFlagOn()
    {
        var state = WithEmptyAccounts(A);
        state.Touch(A);
        state.CommitTransaction(deleteTouchedEmpty: true);
        Assert.That(state.Exists(A), Is.False);
    }

    [Test]
    public void TouchedEmptyAccount_KeptWhenFlagOff()
    {
        var state = WithEmptyAccounts(A);
        state.Touch(A);
        state.CommitTransaction(deleteTouchedEmpty: false);
        Assert.That(state.Exists(A), Is.True);
    }

    [Test]
    public void UntouchedEmptyAccount_Kept()
    {
        var state = WithEmptyAccounts(A, B);
        state.Touch(A);
        state.CommitTransaction(deleteTouchedEmpty: true);
        Assert.That(state.Exists(B), Is.True);
    }

    [Test]
    public void TouchedNonEmptyAccount_Kept()
    {
        var state = StateWith(A, 0, 1);
        state.Touch(A);
        state.CommitTransaction(deleteTouchedEmpty: true);
        Assert.That(state.Exists(A), Is.True);
    }

    [Test]
    public void AddBalanceOfZero_ToMissingAccount_CreatesEmptyAccount_DeletedOnlyWithFlag()
    {
        var on = new InMemoryWorldState();
        on.AddBalance(A, 0);
        Assert.That(on.Exists(A), Is.True);
        on.CommitTransaction(deleteTouchedEmpty: true);
        Assert.That(on.Exists(A), Is.False);

        var off = new InMemoryWorldState();
        off.AddBalance(A, 0);
        off.CommitTransaction(deleteTouchedEmpty: false);
        Assert.That(off.Exists(A), Is.True);
    }

    [TestCase("add")]
    [TestCase("subtract")]
    [TestCase("nonce")]
    [TestCase("increment")]
    [TestCase("code")]
    [TestCase("storage")]
    public void EveryMutation_Touches(string mutation)
    {
        // Each mutation below leaves the account empty, so only a touch can get it deleted.
        var state = WithEmptyAccounts(A);
        switch (mutation)
        {
            case "add": state.AddBalance(A, 0); break;
            case "subtract": state.SubtractBalance(A, 0); break;
            case "nonce": state.SetNonce(A, 0); break;
            case "increment": state.IncrementNonce(A); state.SetNonce(A, 0); break;
            case "code": state.SetCode(A, []); break;
            case "storage": state.SetStorage(A, 1, 0); break;
        }
        state.CommitTransaction(deleteTouchedEmpty: true);
        Assert.That(state.Exists(A), Is.False);
    }

    [Test]
    public void Touch_OfMissingAccount_CreatesNothing()
    {
        var state = new InMemoryWorldState();
        state.Touch(A);
        Assert.That(state.Exists(A), Is.False);
        state.CommitTransaction(deleteTouchedEmpty: true);
        Assert.That(state.Exists(A), Is.False);
    }

    [Test]
    public void RevertedTouch_IsUndone()
    {
        var state = WithEmptyAccounts(A);
        int snapshot = state.TakeSnapshot();
        state.Touch(A);
        state.Restore(snapshot);
        state.CommitTransaction(deleteTouchedEmpty: true);
        Assert.That(state.Exists(A), Is.True);
    }

    [Test]
    public void RevertedTouch_OfRipemdPrecompile_Persists()
    {
        // geth quirk (mainnet block 2675119): the touch of 0x03 survives the revert of its frame.
        var state = WithEmptyAccounts(Ripemd, TestAddresses.Sha256);
        int snapshot = state.TakeSnapshot();
        state.AddBalance(Ripemd, 0);
        state.AddBalance(TestAddresses.Sha256, 0);
        state.Restore(snapshot);
        state.CommitTransaction(deleteTouchedEmpty: true);
        Assert.That(state.Exists(Ripemd), Is.False);
        Assert.That(state.Exists(TestAddresses.Sha256), Is.True);
    }

    [Test]
    public void TouchInEarlierTransaction_DoesNotCarryOver()
    {
        var state = WithEmptyAccounts(A);
        state.Touch(A);
        state.CommitTransaction(deleteTouchedEmpty: false);
        state.BeginTransaction();
        state.CommitTransaction(deleteTouchedEmpty: true);
        Assert.That(state.Exists(A), Is.True);
        // and a fresh touch in a later transaction still counts
        state.BeginTransaction();
        state.Touch(A);
        state.CommitTransaction(deleteTouchedEmpty: true);
        Assert.That(state.Exists(A), Is.False);
    }

    [Test]
    public void TouchRevertedAfterRecreation_StillTouchedByEarlierTouch()
    {
        // Touch, then CREATE over the account and revert the CREATE: the first touch still stands.
        var state = WithEmptyAccounts(A);
        state.Touch(A);
        int snapshot = state.TakeSnapshot();
        state.CreateContractAccount(A);
        state.SetStorage(A, 1, 1);
        state.Restore(snapshot);
        state.CommitTransaction(deleteTouchedEmpty: true);
        Assert.That(state.Exists(A), Is.False);
    }
}
