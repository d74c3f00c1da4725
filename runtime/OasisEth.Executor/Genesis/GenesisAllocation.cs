using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>An account funded at genesis from the reward pool (optionally with code and storage).</summary>
/// <remarks>Zero-valued storage entries are allowed and ignored (a zero slot is an absent slot), so they do not
/// change the genesis hash either.</remarks>
public sealed record GenesisAllocation(Address Address, UInt256 Balance)
{
    public byte[] Code { get; init; } = [];
    public ulong Nonce { get; init; }
    public IReadOnlyList<KeyValuePair<UInt256, UInt256>> Storage { get; init; } = [];
}
