using OasisEth.Transactions;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>A transaction waiting in the dev pool: decoded (sender known), its raw bytes, and its arrival order.</summary>
internal sealed record PoolTransaction(Transaction Transaction, byte[] Raw, long Sequence)
{
    public Hash256 Hash => Transaction.Hash;
    public Address Sender => Transaction.Sender;
    public ulong Nonce => Transaction.Nonce;

    /// <summary>Fee cap and tip as one comparable pair (a legacy price is both).</summary>
    public UInt256 FeeCap => FeeRules.FeeCap(Transaction);
    public UInt256 Tip => FeeRules.TipCap(Transaction);

    private readonly TaskCompletionSource<string?> _fate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the transaction leaves the pool: null once mined, else why it was dropped (a failed
    /// or rejecting round, a replacement, a revert). An automine send reads it to answer an error rather than a
    /// hash that will never have a receipt.</summary>
    public Task<string?> Fate => _fate.Task;

    public void Mined() => _fate.TrySetResult(null);

    public void Dropped(string reason) => _fate.TrySetResult(reason);
}
