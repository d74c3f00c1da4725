using System.Globalization;
using OasisEth.Store.Rocks;
using OasisEth.Store.Rocks.CrashChild;

// Crash-test child: opens (or creates) the store in args[0], then commits rounds LastRound+1, +2, … of
// CrashWorkload forever, pruning to the last args[1] rounds after each, until the parent kills it with
// SIGKILL. "committed <round> <root>" is printed only after CommitRound has returned (Console.Out flushes
// every write), so every reported round must be in the store when it is reopened.
string dir = args[0];
int keep = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : NodeStore.DefaultKeptRounds;
using var store = NodeStore.Open(dir);
// Catch up on pruning a previous run was killed before doing.
store.Prune(keep);
ulong round = store.LastRound ?? 0;
var tree = store.OpenLatestTree();
Console.WriteLine($"ready {round}");
while (true)
{
    round++;
    CrashWorkload.Apply(tree, round);
    var (root, writeLog) = tree.Commit();
    store.CommitRound(round, root, CrashWorkload.BlockHash(round), tree.NewNodes, writeLog);
    Console.WriteLine($"committed {round} {root}");
    store.Prune(keep);
}
