using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// The chain's genesis file (JSON; format documented in docs/genesis.md). All of the 21M OETH start in the
/// protocol reward pool; <see cref="Allocations"/> are taken out of that pool, never minted beside it.
/// </summary>
public sealed record GenesisConfig
{
    public required ulong ChainId { get; init; }
    /// <summary>EVM rules (Prague by default).</summary>
    public Fork Fork { get; init; } = Fork.Prague;
    public ulong Timestamp { get; init; }
    /// <summary>Gas limit of every round's block.</summary>
    public ulong GasLimit { get; init; } = 30_000_000;
    /// <summary>Floor of the base fee (wei per gas); low by design.</summary>
    public UInt256 MinGasPrice { get; init; }
    /// <summary>Base fee of block 1; EIP-1559 adjustment after that, never below <see cref="MinGasPrice"/>.</summary>
    public UInt256 InitialBaseFee { get; init; }
    public required RewardSchedule Rewards { get; init; }
    /// <summary>Sorted by address, no duplicates.</summary>
    public IReadOnlyList<GenesisAllocation> Allocations { get; init; } = [];
}

/// <summary>Operator rewards: <see cref="AmountPerEpoch"/> wei released from the pool at the end of each epoch
/// of <see cref="RoundsPerEpoch"/> rounds, for <see cref="Epochs"/> epochs.</summary>
public sealed record RewardSchedule(UInt256 AmountPerEpoch, ulong Epochs, ulong RoundsPerEpoch);

/// <summary>An account funded at genesis from the reward pool (optionally with code and storage).</summary>
public sealed record GenesisAllocation(Address Address, UInt256 Balance)
{
    public byte[] Code { get; init; } = [];
    public ulong Nonce { get; init; }
    public IReadOnlyList<KeyValuePair<UInt256, UInt256>> Storage { get; init; } = [];
}
