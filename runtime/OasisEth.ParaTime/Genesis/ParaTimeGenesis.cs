using OasisEth.Executor;

namespace OasisEth.ParaTime;

/// <summary>
/// The genesis the runtime binary carries when nothing else is given: the network genesis
/// (<see cref="GenesisConfig.Network"/>: the whole 21M OETH in the reward pool, released on the original halving
/// schedule, no allocation, no pre-mine). Every node of a committee must run the same genesis, so it is compiled in
/// (or appended to the executable by <c>oasis-eth bundle</c>), never read from the node's disk.
/// </summary>
public static class ParaTimeGenesis
{
    public static GenesisConfig Carried { get; } = GenesisConfig.Network();
}
