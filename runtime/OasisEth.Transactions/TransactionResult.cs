using OasisEth.Primitives;

namespace OasisEth.Transactions;

/// <summary>What executing one transaction produced.</summary>
public sealed class TransactionResult
{
    /// <summary>Non-null when the transaction was invalid and changed nothing: an EEST-style name such as "TransactionException.INTRINSIC_GAS_TOO_LOW".</summary>
    public string? InvalidReason { get; init; }
    public bool IsInvalid => InvalidReason is not null;
    /// <summary>True if execution ended without an exceptional halt or REVERT.</summary>
    public bool Success { get; init; }
    /// <summary>Gas charged to the sender after refunds (and, in Prague, the EIP-7623 floor).</summary>
    public ulong GasUsed { get; init; }
    public byte[] Output { get; init; } = [];
    public IReadOnlyList<LogEntry> Logs { get; init; } = [];
    /// <summary>The error of a failed execution ("out of gas", "reverted", ...), for traces and receipts.</summary>
    public string? Error { get; init; }
    public OasisEth.Primitives.Address? ContractAddress { get; init; }

    public static TransactionResult Invalid(string reason) => new() { InvalidReason = reason };
}
