using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>An Ethereum-style block header of one round. <see cref="StateRoot"/> is the MKVS root of the state
/// after the block; <see cref="Hash"/> is keccak256 of the header's RLP (layout in the project README).</summary>
public sealed record BlockHeader
{
    public required ulong Number { get; init; }
    public required Hash256 Hash { get; init; }
    public required Hash256 ParentHash { get; init; }
    public required ulong Timestamp { get; init; }
    public required Hash256 StateRoot { get; init; }
    public required Hash256 TransactionsRoot { get; init; }
    public required Hash256 ReceiptsRoot { get; init; }
    /// <summary>256 bytes.</summary>
    public required byte[] LogsBloom { get; init; }
    public required ulong GasUsed { get; init; }
    public required ulong GasLimit { get; init; }
    public required UInt256 BaseFee { get; init; }
    public required Address Coinbase { get; init; }
    public required Hash256 MixHash { get; init; }
    public byte[] ExtraData { get; init; } = [];
    /// <summary>Size in bytes of the RLP-encoded block (header + transactions), as eth_getBlock reports it.</summary>
    public required ulong Size { get; init; }
}
