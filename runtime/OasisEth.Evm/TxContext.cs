using OasisEth.Primitives;

namespace OasisEth.Evm;

/// <summary>What the transaction-information opcodes see: ORIGIN, GASPRICE, BLOBHASH.</summary>
public sealed class TxContext
{
    public Address Origin { get; init; }
    public UInt256 GasPrice { get; init; }
    public Hash256[] BlobHashes { get; init; } = [];
}
