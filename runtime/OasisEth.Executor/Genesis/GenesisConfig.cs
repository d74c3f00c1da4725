using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// The chain's genesis file (JSON; format documented in docs/genesis.md). All of the 21M OETH start in the
/// protocol reward pool; <see cref="Allocations"/> are taken out of that pool, never minted beside it.
/// </summary>
/// <remarks>
/// Split by concern: validation (<see cref="Validate"/>), JSON (<see cref="Parse"/>, <see cref="ToJson"/>), the
/// canonical hash (<see cref="Hash"/>) and the dev chain's values (<see cref="Dev"/>). A config built in code is
/// checked by <see cref="Validate"/> when it is applied or hashed, so the same rules hold as for a parsed file.
/// </remarks>
public sealed partial record GenesisConfig
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
    /// <summary>
    /// Code starting with <c>\0asm</c> runs as an Ewasm contract (docs/ewasm.md, chain metering) instead of as EVM
    /// bytecode. It decides which code runs, so it is part of consensus and of <see cref="Hash"/>. On in
    /// <see cref="Dev"/> and <see cref="Network"/>; a genesis file that leaves it out keeps the EVM alone, as every
    /// file written before Ewasm existed did.
    /// </summary>
    public bool Ewasm { get; init; }
}
