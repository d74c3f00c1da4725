using System.Collections.Concurrent;
using OasisEth.Store.Rocks;

namespace OasisEth.StateTest;

/// <summary>
/// The RocksDB node stores a <see cref="StateBackend.Rocks"/> run commits its cases to: one per worker running
/// a case at the same moment (a store has one writer, and a case commits its pre-state and post-state as two
/// consecutive rounds), all in one temporary directory that <see cref="Dispose"/> deletes. Stores are not
/// synced (a crash only loses a temporary directory) and use small caches: each case's state is new.
/// </summary>
internal sealed class RocksStatePool : IDisposable
{
    private readonly ConcurrentBag<NodeStore> _free = [];
    private readonly List<NodeStore> _all = [];
    private readonly Lock _lock = new();
    private bool _disposed;

    public RocksStatePool()
    {
        Directory = Path.Combine(Path.GetTempPath(), "oasis-eth-statetest-" + Guid.NewGuid().ToString("N"));
    }

    /// <summary>The run's temporary directory (one subdirectory per store).</summary>
    public string Directory { get; }

    public NodeStore Rent()
    {
        if (_free.TryTake(out var store)) return store;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            store = NodeStore.Open(Path.Combine(Directory, "store-" + _all.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new NodeStoreOptions { SyncCommits = false, NodeCacheBytes = 16L << 20, BlockCacheBytes = 8L << 20 });
            _all.Add(store);
            return store;
        }
    }

    public void Return(NodeStore store) => _free.Add(store);

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var store in _all) store.Dispose();
            _all.Clear();
            if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
