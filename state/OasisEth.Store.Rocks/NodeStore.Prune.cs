using System.Buffers.Binary;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.Store.Rocks.Native;

namespace OasisEth.Store.Rocks;

public sealed partial class NodeStore
{
    /// <summary>The number of recent rounds the runtime keeps readable.</summary>
    public const int DefaultKeptRounds = 128;

    /// <summary>
    /// Forgets every round older than the last <paramref name="keepLast"/> round numbers (rounds
    /// LastRound − keepLast + 1 … LastRound stay) and deletes the nodes no kept root reaches any more. One
    /// batch per forgotten round: its record goes, its root loses one reference, and every node whose count
    /// reaches zero is deleted and releases its children in turn. A node reachable from a kept root always
    /// has a count ≥ 1 (its parent on that path, or the round record for a root, holds one), so it is never
    /// deleted. Crash-safe: each batch moves the store from one consistent state to the next.
    /// </summary>
    public PruneResult Prune(int keepLast = DefaultKeptRounds)
    {
        // The last round must stay: the next commit builds on its nodes.
        ArgumentOutOfRangeException.ThrowIfLessThan(keepLast, 1);
        lock (_writeLock)
        {
            ThrowIfDisposed();
            if (_lastRound is not { } last || last < (ulong)keepLast) return default;
            ulong firstKept = last - (ulong)keepLast + 1;
            int rounds = 0;
            long nodes = 0;
            try
            {
                // Collected first: the iterator must not be live while batches change the column family.
                var doomed = new List<(ulong Round, Hash256 Root)>();
                Span<byte> floor = stackalloc byte[8];
                StoreKeys.RoundKey(PruneFloor, floor);
                using (var it = _db.NewIterator(_rounds))
                {
                    for (it.Seek(floor); it.Valid(); it.Next())
                    {
                        ulong round = BinaryPrimitives.ReadUInt64BigEndian(it.GetKeySpan());
                        if (round >= firstKept) break;
                        doomed.Add((round, new Hash256(it.GetValueSpan()[..Hash256.Size])));
                    }
                }
                foreach (var (round, root) in doomed)
                {
                    nodes += PruneRound(round, root);
                    rounds++;
                    PruneFloor = round + 1;
                }
                PruneFloor = Math.Max(PruneFloor, firstKept);
            }
            catch (Exception e) when (e is RocksDbException)
            {
                throw Wrap("pruning", e);
            }
            return new PruneResult(rounds, nodes);
        }
    }

    private int PruneRound(ulong round, Hash256 root)
    {
        try
        {
            using var batch = new WriteBatch();
            Span<byte> key = stackalloc byte[8];
            StoreKeys.RoundKey(round, key);
            batch.Delete(key, _rounds);
            batch.Delete(key, _roundKeys);
            if (root != Sha512_256.EmptyHash)
            {
                uint refs = RefCount(root);
                if (refs == 0)
                    throw new NodeStoreException($"Round {round}'s root {root} has no reference count in '{DataDirectory}': the store is inconsistent.");
                _pendingRefs[root] = refs - 1;
                if (refs == 1) _released.Push(root);
                ReleaseCascade(batch);
            }
            WriteRefs(batch);
            _db.Write(batch, _pruneWrite);
            if (_cache is not null)
                foreach (var hash in _deleted) _cache.Remove(hash);
            return _deleted.Count;
        }
        finally
        {
            _pendingRefs.Clear();
            _released.Clear();
            _deleted.Clear();
            _storedRefs.Clear();
            _probe.Clear();
        }
    }
}
