using OasisEth.Transactions;

namespace OasisEth.Executor;

/// <summary>
/// The verdict of the check path. <see cref="Error"/> uses the messages clients parse (geth's wording):
/// "nonce too low", "insufficient funds for gas * price + value", "intrinsic gas too low",
/// "max fee per gas less than block base fee", "exceeds block gas limit", "invalid sender", "invalid chain id",
/// "transaction type not supported" (blob transactions), or a decoding error.
/// <see cref="Transaction"/> is set whenever the bytes decoded and the sender was recovered.
/// </summary>
public sealed record CheckTxResult(Transaction? Transaction, string? Error)
{
    public bool Ok => Error is null;
}
