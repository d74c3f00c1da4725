using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

/// <summary>What every run of one call shares: the block, a reader of its state, the overrides and the gas ceiling
/// (the block's gas limit, or the overridden one), and BLOCKHASH's source.</summary>
public sealed record CallSite(BlockHeader Header, IStateReader Reader, CallOverrides? Overrides, ulong GasLimit,
    Func<ulong, Hash256> BlockHash)
{
    /// <summary>A site with the overrides checked (once per call, not per run of an estimate's search).</summary>
    public static CallSite Create(BlockHeader header, IStateReader reader, CallOverrides? overrides, Func<ulong, Hash256> blockHash)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(reader);
        if (overrides is not null) StateOverrides.Validate(overrides.Accounts);
        ulong gasLimit = overrides?.Block?.GasLimit ?? header.GasLimit;
        return new CallSite(header, reader, overrides is { IsEmpty: false } ? overrides : null, gasLimit, blockHash);
    }
}
