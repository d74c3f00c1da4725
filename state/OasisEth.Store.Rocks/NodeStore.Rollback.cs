using System.Buffers.Binary;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.Store.Rocks.Native;

namespace OasisEth.Store.Rocks;

public sealed partial class NodeStore
{
    /// <summary>
    /// Forgets every round after <paramref name="round"/> (the dev node's evm_revert) in one atomic, synced
    /// batch: their records go, their roots lose the round's reference (nodes no kept root reaches any more are
    /// deleted, as in <see cref="Prune"/>), the flat index returns to <paramref name="round"/>'s state, the
    /// <paramref name="aux"/> writes are applied (null value = delete) and the last round becomes
    /// <paramref name="round"/>. The next commit may then be any round after it. <paramref name="round"/> must
    /// be a kept round ≤ <see cref="LastRound"/> (equal: only the aux writes happen). With a flat index, every
    /// forgotten round needs its changed-keys record (rounds committed by builds before records existed have
    /// none; rolling back across them is refused). Throws <see cref="NodeStoreException"/> and writes nothing
    /// when the rollback cannot be done.
    /// </summary>
    public void RollbackTo(ulong round, IReadOnlyList<KeyValuePair<byte[], byte[]?>> aux)
    {
        ArgumentNullException.ThrowIfNull(aux);
        CheckAux(aux);
        lock (_writeLock)
        {
            ThrowIfDisposed();
            if (_lastRound is not { } last)
                throw new NodeStoreException($"The node store at '{DataDirectory}' has no rounds; there is nothing to roll back to round {round}.");
            if (round > last)
                throw new ArgumentOutOfRangeException(nameof(round), $"Round {round} is after the last committed round {last} of '{DataDirectory}'.");
            if (!TryGetRound(round, out var target))
                throw new NodeStoreException($"Cannot roll back the node store at '{DataDirectory}' to round {round}: it is not kept (pruned or never committed).");
            try
            {
                RollbackLocked(target, aux);
            }
            catch (Exception e) when (e is RocksDbException)
            {
                throw Wrap($"rolling back to round {round}", e);
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

    private void RollbackLocked(RoundInfo target, IReadOnlyList<KeyValuePair<byte[], byte[]?>> aux)
    {
        Span<byte> targetKey = stackalloc byte[8];
        StoreKeys.RoundKey(target.Round, targetKey);
        var doomed = new List<(ulong Round, Hash256 Root)>();
        using (var it = _db.NewIterator(_rounds))
        {
            for (it.Seek(targetKey); it.Valid(); it.Next())
            {
                ulong r = BinaryPrimitives.ReadUInt64BigEndian(it.GetKeySpan());
                if (r > target.Round) doomed.Add((r, new Hash256(it.GetValueSpan()[..Hash256.Size])));
            }
        }

        using var batch = new WriteBatch();
        if (HasFlatIndex && doomed.Count > 0) RestoreFlatIndex(target, doomed, batch);

        Span<byte> key = stackalloc byte[8];
        foreach (var (r, root) in doomed)
        {
            StoreKeys.RoundKey(r, key);
            batch.Delete(key, _rounds);
            batch.Delete(key, _roundKeys);
            if (root == Sha512_256.EmptyHash) continue;
            // The pending counts carry over between the forgotten rounds, so a node shared by several of them
            // is released once, when its last reference goes.
            uint refs = RefCount(root);
            if (refs == 0)
                throw new NodeStoreException($"Round {r}'s root {root} has no reference count in '{DataDirectory}': the store is inconsistent.");
            _pendingRefs[root] = refs - 1;
            if (refs == 1) _released.Push(root);
            ReleaseCascade(batch);
        }
        WriteRefs(batch);
        PutAux(batch, aux);
        batch.Put(StoreKeys.LastRoundKey, targetKey, _meta);
        _db.Write(batch, _commitWrite);
        _lastRound = target.Round;
        if (_cache is not null)
            foreach (var hash in _deleted) _cache.Remove(hash);
    }

    /// <summary>
    /// Puts back, for every state key a forgotten round changed, its value at the target round (read from the
    /// target's tree, which is kept), or deletes it where the target has none.
    /// </summary>
    private void RestoreFlatIndex(RoundInfo target, List<(ulong Round, Hash256 Root)> doomed, WriteBatch batch)
    {
        var changed = new HashSet<byte[]>(ByteKeyComparer.Instance);
        Span<byte> key = stackalloc byte[8];
        foreach (var (r, _) in doomed)
        {
            StoreKeys.RoundKey(r, key);
            var record = _db.Get(key, _roundKeys);
            if (record is null)
                throw new NodeStoreException(
                    $"Cannot roll back the node store at '{DataDirectory}' to round {target.Round}: round {r} has no " +
                    "record of the keys it changed (committed before rollback support), so the flat index cannot be restored.");
            if (!StoreKeys.DecodeKeyList(record, changed))
                throw new NodeStoreException($"Round {r}'s changed-keys record in '{DataDirectory}' is malformed: the store is inconsistent.");
        }
        var tree = new MkvsTree(target.StateRoot, TryGetNode);
        foreach (var stateKey in changed)
        {
            byte[]? value;
            try
            {
                value = tree.Get(stateKey);
            }
            catch (MkvsException e)
            {
                throw new NodeStoreException($"Round {target.Round}'s tree in '{DataDirectory}' cannot be read ({e.Message}): the store is inconsistent.", e);
            }
            if (value is null) batch.Delete(stateKey, _flat);
            else batch.Put(stateKey, value, _flat);
        }
    }
}
