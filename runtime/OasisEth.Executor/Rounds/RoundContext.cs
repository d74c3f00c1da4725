using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// Everything a round takes from outside the state, all of it from the round's input (never the clock): the parent
/// block (number, hash, gas used and base fee decide the new block's number and base fee), the timestamp, the good
/// compute committee of the previous round (operator rewards, rhp-spec 7.2) and BLOCKHASH's source.
/// </summary>
public sealed record RoundContext(BlockHeader Parent, ulong Timestamp, IReadOnlyList<byte[]> GoodComputeEntities,
    Func<ulong, Hash256> BlockHash)
{
    public ulong Number => Parent.Number + 1;

    /// <summary>Dev node only (anvil_setNextBlockBaseFeePerGas): this block's base fee instead of the EIP-1559 rule.
    /// The ParaTime runtime never sets it.</summary>
    public UInt256? BaseFeeOverride { get; init; }

    /// <summary>Dev node only (anvil_setCoinbase): the block's coinbase instead of the OETH fee collector, so the
    /// tips go there rather than into operator rewards. The ParaTime runtime never sets it.</summary>
    public Address? Coinbase { get; init; }

    /// <summary>Dev node only (a forked chain): how the round reads its parent's state and what it marks beside its
    /// writes. The ParaTime runtime never sets it.</summary>
    public IRoundStateLayer? StateLayer { get; init; }
}
