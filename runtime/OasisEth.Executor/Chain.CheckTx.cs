using OasisEth.Transactions;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.State.Mkvs;
using OasisEth.Store.Rocks;

namespace OasisEth.Executor;

public sealed partial class Chain
{
    /// <summary>
    /// Mempool admission (<see cref="TransactionAdmission"/>) against the latest committed state, read from the
    /// store's flat index (one lookup per key), and the next block's base fee. A statelessly valid transaction is
    /// remembered decoded, so the round that includes it skips decoding and recovery.
    /// </summary>
    public CheckTxResult CheckTx(ReadOnlySpan<byte> raw)
    {
        ThrowIfDisposed();
        BlockHeader head = _head;
        IStateReader state = WithEdits(LatestReader(), head.Number);
        UInt256 nextBaseFee = NextBaseFee;
        // A dev transaction from an impersonated sender carries no signature (ImpersonatedTransactions); one from
        // an address not impersonated falls through to the decoder, which refuses its r = 0.
        if (ImpersonatedTransactions.IsMarked(raw, out Address sender) && IsImpersonated(sender))
        {
            if (!ImpersonatedTransactions.TryDecode(raw.ToArray(), Genesis, out Transaction? tx, out string? error))
                return new CheckTxResult(null, GethErrors.FromReason(error ?? "invalid transaction"));
            return TransactionAdmission.CheckDecoded(tx, Genesis, state, nextBaseFee, out _, _checked.Add);
        }
        return TransactionAdmission.Check(raw, Genesis, head, state, out _, _checked.Add, nextBaseFee);
    }

    /// <summary>The latest committed accounts and code through the store's flat index.</summary>
    private sealed class LatestState(NodeStore store) : IStateReader
    {
        public bool TryGetAccount(in Address address, out AccountData account)
        {
            byte[]? value = store.TryGetLatest(StateSchema.AccountKey(address));
            if (value is null)
            {
                account = new AccountData(0, UInt256.Zero, Hash256.EmptyCode, false);
                return false;
            }
            StateSchema.DecodeAccount(value, out ulong nonce, out UInt256 balance, out Hash256 codeHash);
            account = new AccountData(nonce, balance, codeHash, false);
            return true;
        }

        public UInt256 GetStorage(in Address address, in UInt256 slot) =>
            store.TryGetLatest(StateSchema.StorageKey(address, slot)) is { } value ? StateSchema.DecodeStorageValue(value) : UInt256.Zero;

        public byte[] GetCode(in Hash256 codeHash) => store.TryGetLatest(StateSchema.CodeKey(codeHash)) ?? [];
    }
}
