namespace OasisEth.ParaTime;

/// <summary>
/// Error codes of module <c>evm</c> in CheckTx results, failure outputs and query errors, so the node and gateways
/// can act on the kind of failure without parsing text (code 0 is "no error" in RHP). The message keeps the exact
/// reason. docs/runtime.md lists them.
/// </summary>
public static class EvmErrors
{
    public const string Module = "evm";

    public const uint Malformed = 1;        // undecodable bytes, bad signature, wrong chain id, unsupported type
    public const uint InvalidNonce = 2;     // nonce too low (or, in Execute mode, ahead of the account's)
    public const uint InsufficientFunds = 3;
    public const uint Gas = 4;              // gas limit above the block's, intrinsic gas, fee cap below the base fee
    public const uint NotEoa = 5;           // sender has code (EIP-3607)
    public const uint Invalid = 6;          // any other reason the transaction is invalid
    public const uint Query = 7;            // a query's arguments or method
    public const uint Reverted = 8;         // a call that reverted

    /// <summary>The code for a reason as the executor words it (geth's wording or the fixture exception names).</summary>
    public static uint CodeOf(string reason)
    {
        if (Has(reason, "nonce")) return InvalidNonce;
        if (Has(reason, "insufficient funds") || Has(reason, "INSUFFICIENT_ACCOUNT_FUNDS") || Has(reason, "INSUFFICIENT_MAX_FEE")) return InsufficientFunds;
        if (Has(reason, "gas") || Has(reason, "base fee") || Has(reason, "BASE_FEE")) return Gas;
        if (Has(reason, "eoa")) return NotEoa;
        if (Has(reason, "rlp") || Has(reason, "sender") || Has(reason, "signature") || Has(reason, "chain id")
            || Has(reason, "CHAIN_ID") || Has(reason, "not supported") || Has(reason, "undecodable"))
            return Malformed;
        return Invalid;
    }

    private static bool Has(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);
}
