using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.State.Mkvs;
using OasisEth.Store.Rocks;

namespace OasisEth.Executor;

public sealed partial class Chain
{
    /// <summary>The fork's reads and marks; null on a chain that is not a fork. Replaced by <see cref="Reset"/>.</summary>
    private volatile ForkStateLayer? _forkLayer;

    /// <summary>The fork the chain was opened with (null: none): what <see cref="Reset"/> with no fork goes back to.</summary>
    private readonly ForkConfig? _startFork;

    /// <summary>The remote block this chain forks (null: not a fork). Blocks up to it are the remote's.</summary>
    public ForkPoint? ForkPoint => _forkLayer?.Source.Point;

    /// <summary>The remote reads of a forked chain (its request counters), or null.</summary>
    public ForkSource? ForkSource => _forkLayer?.Source;

    /// <summary>The fork the chain was opened with, if any.</summary>
    public ForkConfig? StartFork => _startFork;

    /// <summary>A state reader over one of this chain's trees: the tree alone, or for a fork the tree over the remote.</summary>
    private IStateReader TreeReader(MkvsTree tree) => _forkLayer?.Over(tree) ?? new MkvsStateReader(tree);

    /// <summary>The latest committed state through the store's flat index (one lookup per key), a fork's over the remote.</summary>
    private IStateReader LatestReader()
    {
        NodeStore store = _store;
        var latest = new LatestState(store);
        return _forkLayer is { } layer ? new ForkStateReader(latest, key => store.TryGetLatest(key), layer.Source) : latest;
    }

    /// <summary>BLOCKHASH's source: this chain's headers, and for a fork the remote's hashes of the blocks before it.</summary>
    private Hash256 BlockHashOf(ulong number)
    {
        if (GetHeader(number) is { } header) return header.Hash;
        if (_forkLayer is { } layer && number < layer.Source.Point.Number)
        {
            try
            {
                return layer.Source.BlockHash(number);
            }
            catch (ForkRemoteException)
            {
                return Hash256.Zero;
            }
        }
        return Hash256.Zero;
    }

    /// <summary>
    /// anvil_reset: starts the chain over, in place. <paramref name="fork"/> null: a fresh dev chain (block 0 of the
    /// genesis); else a fork of that node and block (null block: the remote's latest). The remote is asked for the
    /// block before anything is deleted, so a bad URL or block leaves the chain as it was. Everything of the old
    /// chain goes: blocks, state, the fork cache, pending edits, the next base fee, the coinbase and impersonations.
    /// Serialised with rounds; readers in flight during the swap may fail (a dev node's reset, not a live migration).
    /// </summary>
    public void Reset(ForkConfig? fork)
    {
        lock (_writeLock)
        {
            ThrowIfDisposed();
            ForkPoint? point = null;
            if (fork is not null)
            {
                using var remote = new RemoteNode(fork.Url);
                point = Executor.ForkPoint.Resolve(remote, fork.BlockNumber);
            }
            string forkDirectory = Path.Combine(DataDirectory, ForkSource.DirectoryName);
            NodeStore oldStore = _store;
            ForkStateLayer? oldLayer = _forkLayer;
            oldStore.Dispose();
            oldLayer?.Source.Dispose();
            DeleteDirectory(Path.Combine(DataDirectory, StoreDirectoryName));
            DeleteDirectory(forkDirectory);
            if (point is not null)
            {
                Directory.CreateDirectory(forkDirectory);
                point.Save(Path.Combine(forkDirectory, Executor.ForkPoint.FileName));
            }
            ForkSource? source = point is null ? null : ForkSource.Open(DataDirectory, new ForkConfig(point.Url, point.Number));
            NodeStore store = OpenStore(DataDirectory, _options);
            BlockHeader head = InitialHead(DataDirectory, store, Genesis, _options, source);
            _tree = null;
            _treeReader = null;
            _latest = null;
            _roundsOnTree = 0;
            _recent.Clear();
            _edits = null;
            _nextBaseFee = null;
            _coinbase = null;
            _impersonated.Clear();
            _autoImpersonate = false;
            _forkLayer = source is null ? null : new ForkStateLayer(source);
            _store = store;
            _head = head;
        }
    }

    private static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }
}
