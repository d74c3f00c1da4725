namespace OasisEth.Executor;

public sealed partial class Chain
{
    /// <summary>
    /// Dev only: forgets every block after <paramref name="number"/> in one atomic store batch (their state rounds,
    /// headers, bodies, receipts, bloom records and transaction/hash indexes) and makes block
    /// <paramref name="number"/> the head again. Its state must still be kept (within the last
    /// <see cref="ChainOptions.KeptRounds"/> rounds).
    /// </summary>
    public void RollbackTo(ulong number)
    {
        lock (_writeLock)
        {
            ThrowIfDisposed();
            BlockHeader head = _head;
            if (number > head.Number)
                throw new ArgumentOutOfRangeException(nameof(number), $"Cannot roll back to block {number}: the head is {head.Number}.");
            if (number == head.Number) return;
            _edits = null;
            _nextBaseFee = null;
            if (!_store.TryGetRound(number, out _))
                throw new StateUnavailableException($"Cannot roll back to block {number}: its state has been pruned (kept: the last {_options.KeptRounds} blocks).");
            BlockHeader target = ReadHeaderRecord(_store, number, ForkPoint)
                ?? throw new InvalidDataException($"Block {number} is missing from '{DataDirectory}'.");

            var aux = new List<KeyValuePair<byte[], byte[]?>>();
            for (ulong n = number + 1; n <= head.Number; n++)
            {
                BlockHeader? dropped = ReadHeaderRecord(_store, n, ForkPoint);
                if (dropped is not null) AddBlockDeletes(aux, dropped);
            }
            _tree = null;
            _latest?.Clear();
            // Readers see the new head before the records go, so none asks for a block being deleted.
            _head = target;
            _recent.Clear();
            try
            {
                _store.RollbackTo(number, aux);
            }
            catch
            {
                _head = head;
                throw;
            }
        }
    }
}
