using OasisEth.Transactions;
using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>An executed transaction as stored: the raw signed bytes, the decoded form (sender recovered) and
/// where it sits in the chain.</summary>
public sealed record StoredTransaction(Transaction Transaction, byte[] Raw, ulong BlockNumber, Hash256 BlockHash, int Index)
{
    public Hash256 Hash => Transaction.Hash;
}
