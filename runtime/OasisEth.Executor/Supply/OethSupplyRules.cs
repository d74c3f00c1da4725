using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

/// <summary>The OETH rules as the chain runs them: every call goes to <see cref="OethLedger"/> / <see cref="OethClaims"/>.</summary>
internal sealed class OethSupplyRules : ISupplyRules
{
    public static readonly OethSupplyRules Instance = new();

    public void ApplyGenesis(IWorldState state, GenesisConfig genesis) => OethLedger.ApplyGenesis(state, genesis);

    public void EndRound(IWorldState state, GenesisConfig genesis, ulong round, in UInt256 burnedThisRound,
        IReadOnlyList<byte[]> goodComputeEntities) =>
        OethLedger.EndRound(state, genesis, round, burnedThisRound, goodComputeEntities);

    public string? ApplyClaim(IWorldState state, ulong chainId, ReadOnlySpan<byte> calldata) =>
        OethClaims.Apply(state, chainId, calldata);

    public SupplyFigures ReadSupply(IWorldState state) => OethLedger.ReadSupply(state);
}
