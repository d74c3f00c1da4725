namespace OasisEth.Transactions;

/// <summary>
/// Chain-level choices layered over the fork's rules. The fork says what Ethereum accepts; the policy says what this
/// chain accepts on top (the OETH ParaTime has no blob data availability, so it refuses EIP-4844 transactions).
/// </summary>
[Flags]
public enum TxDecodePolicy
{
    /// <summary>This chain's policy: blob transactions are refused even where the fork would allow them.</summary>
    Default = 0,

    /// <summary>Decode blob (type 3) transactions by the fork's rules, as Ethereum does from Cancun (conformance runs).</summary>
    AllowBlobTransactions = 1,
}
