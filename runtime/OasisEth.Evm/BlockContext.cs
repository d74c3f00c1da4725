using OasisEth.Primitives;

namespace OasisEth.Evm;

/// <summary>The block a transaction runs in, as the block-information opcodes see it.</summary>
public sealed class BlockContext
{
    public Address Coinbase { get; init; }
    public ulong Number { get; init; }
    public ulong Timestamp { get; init; }
    public ulong GasLimit { get; init; }
    /// <summary>EIP-1559 base fee (London on); zero before.</summary>
    public UInt256 BaseFee { get; init; }
    /// <summary>DIFFICULTY before Paris.</summary>
    public UInt256 Difficulty { get; init; }
    /// <summary>PREVRANDAO from Paris on (opcode 0x44).</summary>
    public UInt256 PrevRandao { get; init; }
    /// <summary>EIP-4844 excess blob gas (Cancun on), from which the blob base fee is derived.</summary>
    public ulong ExcessBlobGas { get; init; }
    /// <summary>EIP-7516 BLOBBASEFEE and the blob-gas price (Cancun on).</summary>
    public UInt256 BlobBaseFee { get; init; }
    public UInt256 ChainId { get; init; } = 1;
    /// <summary>BLOCKHASH(n) for the 256 blocks below <see cref="Number"/>; callers check the window.</summary>
    public Func<ulong, Hash256> BlockHash { get; init; } = _ => Hash256.Zero;
}
