using System.Diagnostics;
using System.Globalization;
using NUnit.Framework;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.Store.Rocks.CrashChild;

namespace OasisEth.Store.Rocks.Tests;

/// <summary>
/// Kills a child process that commits MKVS rounds in a loop (synced commits, prune to 128 after each) with
/// SIGKILL at fixed-seed random moments, and after every kill reopens the store and checks: the last round
/// is the last one the child reported (or the one after, when the kill fell between commit and print),
/// its root is the reported root and the root an in-memory replay of the workload gives, every kept round's
/// record is there with the replayed root, and the oldest and newest kept trees load completely.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CrashTests
{
    private const int RequiredKills = 50;
    private const int Keep = NodeStore.DefaultKeptRounds;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(300); // 50 child starts take ~85 s idle; CI runs test projects side by side on 2 cores

    /// <summary>Roots of rounds 1..n from replaying <see cref="CrashWorkload"/> on a tree without a store.</summary>
    private sealed class Oracle
    {
        private readonly MkvsTree _tree = new();
        private readonly List<Hash256> _roots = [default]; // index = round

        public Hash256 Root(ulong round)
        {
            while ((ulong)_roots.Count <= round)
            {
                CrashWorkload.Apply(_tree, (ulong)_roots.Count);
                _roots.Add(_tree.Commit().Root);
            }
            return _roots[(int)round];
        }
    }

    [Test]
    public void ReopenAfterSigkillIsAtTheLastReportedRoundWithKeptRoundsReadable()
    {
        using var dir = new TempDir();
        string child = Path.Combine(AppContext.BaseDirectory, "OasisEth.Store.Rocks.CrashChild.dll");
        Assert.That(File.Exists(child), Is.True, child);
        var oracle = new Oracle();
        var random = new Random(20240611);
        var clock = Stopwatch.StartNew();
        int kills = 0, aheadOfReport = 0;
        ulong last = 0;
        long totalRounds = 0;

        while (kills < RequiredKills && clock.Elapsed < Budget)
        {
            var (reported, reportedRoot, ready) = RunAndKill(child, dir.Path, random.Next(10, 400));
            Assert.That(ready, Is.EqualTo(last), "the child resumed at a different round than the store had");
            kills++;

            using var store = NodeStore.Open(dir.Path, new NodeStoreOptions { SyncCommits = false });
            ulong now = store.LastRound ?? 0;
            ulong floor = reported ?? last;
            Assert.That(now, Is.EqualTo(floor).Or.EqualTo(floor + 1),
                $"kill {kills}: store at {now}, child reported {reported?.ToString(CultureInfo.InvariantCulture) ?? "nothing"} (previous {last})");
            // One ahead: the kill fell after the round's WAL write reached the kernel but before the child printed
            // (mostly during the commit's fsync; a killed process's written data survives, it is not power loss).
            if (now == floor + 1) aheadOfReport++;
            if (reported is { } r) Assert.That(store.GetRound(r).StateRoot, Is.EqualTo(reportedRoot), $"kill {kills}: round {r}");
            totalRounds += (long)(now - last);
            last = now;
            if (now == 0) continue;

            ulong firstKept = now >= Keep ? now - Keep + 1 : 1;
            for (ulong round = firstKept; round <= now; round++)
            {
                Assert.That(store.TryGetRound(round, out var info), Is.True, $"kill {kills}: kept round {round} missing");
                Assert.That(info.StateRoot, Is.EqualTo(oracle.Root(round)), $"kill {kills}: round {round}");
                Assert.That(info.BlockHash, Is.EqualTo(CrashWorkload.BlockHash(round)));
            }
            // Prune runs after each commit, so at most one round beyond the window can remain.
            Assert.That(store.FirstRound, Is.GreaterThanOrEqualTo(firstKept > 1 ? firstKept - 1 : 1));
            foreach (ulong round in new[] { firstKept, now })
                Assert.That(MkvsRoot.Compute(store.OpenTree(round).Enumerate()), Is.EqualTo(oracle.Root(round)));
        }

        TestContext.Out.WriteLine(
            $"{kills} kills in {clock.Elapsed.TotalSeconds:F1} s, {totalRounds} rounds committed, last round {last}, " +
            $"{aheadOfReport} kills left the store one round ahead of the last report");
        Assert.That(kills, Is.GreaterThanOrEqualTo(RequiredKills), $"only {kills} kills fit in {Budget}");
        Assert.That(last, Is.GreaterThan((ulong)Keep), "too few rounds for pruning to matter");

        // Finally every kept round loads completely.
        using (var store = NodeStore.Open(dir.Path, new NodeStoreOptions { SyncCommits = false }))
        {
            for (ulong round = last - Keep + 1; round <= last; round++)
                Assert.That(MkvsRoot.Compute(store.OpenTree(round).Enumerate()), Is.EqualTo(oracle.Root(round)));
        }
    }

    /// <summary>
    /// Starts the child, waits for "ready", lets it commit for <paramref name="delayMs"/>, kills it with
    /// SIGKILL and returns the last round and root it reported and the round it resumed from.
    /// </summary>
    private static (ulong? Round, Hash256 Root, ulong Ready) RunAndKill(string child, string dataDir, int delayMs)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(child);
        start.ArgumentList.Add(dataDir);
        start.ArgumentList.Add(Keep.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string? first = process.StandardOutput.ReadLine();
        if (first is null || !first.StartsWith("ready ", StringComparison.Ordinal))
        {
            process.WaitForExit();
            Assert.Fail($"child did not start: {first} {stderr.Result}");
        }
        ulong ready = ulong.Parse(first![6..], CultureInfo.InvariantCulture);
        var rest = process.StandardOutput.ReadToEndAsync();
        Thread.Sleep(delayMs); // the kill moment: a fixed-seed random time into the commit loop
        process.Kill(); // SIGKILL on Linux
        process.WaitForExit();

        ulong? round = null;
        Hash256 root = default;
        foreach (var line in rest.Result.Split('\n'))
        {
            // A line cut by the kill does not count as reported.
            var parts = line.Split(' ');
            if (parts.Length != 3 || parts[0] != "committed" || parts[2].Length != 66) continue;
            round = ulong.Parse(parts[1], CultureInfo.InvariantCulture);
            root = Hash256.Parse(parts[2]);
        }
        return (round, root, ready);
    }
}
