using OasisEth.Transactions;
using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>The receipt of an executed transaction (what eth_getTransactionReceipt returns).</summary>
public sealed record StoredReceipt
{
    public required Hash256 TransactionHash { get; init; }
    public required int TransactionIndex { get; init; }
    public required ulong BlockNumber { get; init; }
    public required Hash256 BlockHash { get; init; }
    public required TxType Type { get; init; }
    public required Address From { get; init; }
    public Address? To { get; init; }
    public Address? ContractAddress { get; init; }
    /// <summary>True = status 1.</summary>
    public required bool Success { get; init; }
    public required ulong GasUsed { get; init; }
    public required ulong CumulativeGasUsed { get; init; }
    public required UInt256 EffectiveGasPrice { get; init; }
    public required IReadOnlyList<StoredLog> Logs { get; init; }
    /// <summary>256 bytes.</summary>
    public required byte[] LogsBloom { get; init; }
    /// <summary>Return data of a failed (reverted) transaction, for debugging; empty otherwise.</summary>
    public byte[] RevertData { get; init; } = [];
}
