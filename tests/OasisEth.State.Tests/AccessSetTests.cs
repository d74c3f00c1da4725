using OasisEth.Primitives;
using static OasisEth.State.Tests.TestAddresses;

namespace OasisEth.State.Tests;

public class AccessSetTests
{
    [Test]
    public void WarmUpAccount_ReportsColdOnlyOnce()
    {
        var state = new InMemoryWorldState();
        Assert.That(state.IsWarm(A), Is.False);
        Assert.That(state.WarmUpAccount(A), Is.True);
        Assert.That(state.WarmUpAccount(A), Is.False);
        Assert.That(state.IsWarm(A), Is.True);
    }

    [Test]
    public void Restore_MakesWarmedAccountColdAgain()
    {
        var state = new InMemoryWorldState();
        state.WarmUpAccount(A);
        int snapshot = state.TakeSnapshot();
        state.WarmUpAccount(B);
        state.WarmUpAccount(A); // already warm: must stay warm after the revert
        state.Restore(snapshot);
        Assert.That(state.IsWarm(A), Is.True);
        Assert.That(state.IsWarm(B), Is.False);
        Assert.That(state.WarmUpAccount(B), Is.True);
    }

    [Test]
    public void Restore_MakesWarmedSlotColdAgain()
    {
        var state = new InMemoryWorldState();
        Assert.That(state.WarmUpStorage(A, 1), Is.True);
        int snapshot = state.TakeSnapshot();
        Assert.That(state.WarmUpStorage(A, 2), Is.True);
        Assert.That(state.WarmUpStorage(B, 1), Is.True); // same key, other account: a different slot
        Assert.That(state.WarmUpStorage(A, 1), Is.False);
        state.Restore(snapshot);
        Assert.That(state.WarmUpStorage(A, 1), Is.False);
        Assert.That(state.WarmUpStorage(A, 2), Is.True);
        Assert.That(state.WarmUpStorage(B, 1), Is.True);
    }

    [Test]
    public void Restore_DropsLogsEmittedAfterSnapshot()
    {
        var state = new InMemoryWorldState();
        var first = new LogEntry(A, [], [1]);
        state.AddLog(first);
        int snapshot = state.TakeSnapshot();
        state.AddLog(new LogEntry(B, [], [2]));
        state.AddLog(new LogEntry(B, [], [3]));
        state.Restore(snapshot);
        Assert.That(state.Logs, Has.Count.EqualTo(1));
        Assert.That(state.Logs[0], Is.SameAs(first));
    }

    [Test]
    public void Logs_ReturnedBeforeCommit_SurviveCommit()
    {
        var state = new InMemoryWorldState();
        state.BeginTransaction();
        state.AddLog(new LogEntry(A, [], [1]));
        IReadOnlyList<LogEntry> logs = state.Logs;
        state.CommitTransaction(deleteTouchedEmpty: true);
        Assert.That(logs, Has.Count.EqualTo(1));
        Assert.That(state.Logs, Is.Empty);
    }

    [Test]
    public void Restore_UnmarksSelfDestruct()
    {
        var state = StateWith(A, 1, 1);
        int snapshot = state.TakeSnapshot();
        state.MarkSelfDestructed(A);
        Assert.That(state.IsSelfDestructed(A), Is.True);
        state.Restore(snapshot);
        Assert.That(state.IsSelfDestructed(A), Is.False);
        state.CommitTransaction(deleteTouchedEmpty: true);
        Assert.That(state.Exists(A), Is.True);
    }

    [Test]
    public void BeginTransaction_ClearsAccessSetsTransientStorageAndLogs()
    {
        var state = new InMemoryWorldState();
        state.WarmUpAccount(A);
        state.WarmUpStorage(A, 1);
        state.SetTransientStorage(A, 1, 1);
        state.AddLog(new LogEntry(A, [], []));
        state.MarkSelfDestructed(B);
        state.BeginTransaction();
        Assert.That(state.IsWarm(A), Is.False);
        Assert.That(state.WarmUpStorage(A, 1), Is.True);
        Assert.That(state.GetTransientStorage(A, 1), Is.EqualTo(UInt256.Zero));
        Assert.That(state.Logs, Is.Empty);
        Assert.That(state.IsSelfDestructed(B), Is.False);
        Assert.That(state.TakeSnapshot(), Is.EqualTo(1)); // only the slot warmed above
    }
}
