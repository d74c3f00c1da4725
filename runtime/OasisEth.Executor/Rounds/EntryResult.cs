using OasisEth.Primitives;

namespace OasisEth.Executor;

public enum EntryDisposition
{
    /// <summary>Executed: in the block, with a receipt (successful or reverted).</summary>
    Executed,
    /// <summary>Invalid here: not executed, changed nothing.</summary>
    Rejected,
    /// <summary>Schedule mode only: could not run in this block but may in a later one.</summary>
    Deferred,
}

/// <summary>What a round did with one entry. <see cref="Hash"/> is keccak of the raw bytes (the Ethereum hash of a
/// decodable transaction); <see cref="ReceiptIndex"/> is the receipt's position for executed entries, else -1.</summary>
public readonly record struct EntryResult(EntryDisposition Disposition, Hash256 Hash, int ReceiptIndex, string? Reason);
