using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

/// <summary>What every run of one call shares: the block, a reader of its state, the overrides, the block's gas limit
/// (the header's, or the overridden one), the most gas one call may have, and BLOCKHASH's source.</summary>
/// <param name="GasLimit">The block gas limit the call sees (GASLIMIT), and the default gas of a call that names none.</param>
/// <param name="CallGasCeiling">The most gas eth_call, eth_createAccessList and debug_traceCall run with. By default the
/// block gas limit; a caller with its own cap (the dev node's RPC gas cap, geth's <c>--rpc.gascap</c>) lifts it, and a
/// block override's gasLimit always bounds it. Estimates stay within <see cref="GasLimit"/>: what they find must fit in
/// a block.</param>
public sealed record CallSite(BlockHeader Header, IStateReader Reader, CallOverrides? Overrides, ulong GasLimit,
    Func<ulong, Hash256> BlockHash, ulong CallGasCeiling)
{
    /// <summary>The most gas a call can be given: the EVM's gas counter is signed 64-bit (geth's "unlimited" is the same
    /// 2^63 - 1).</summary>
    public const ulong MaxCallGas = long.MaxValue;

    /// <summary>A site with the overrides checked (once per call, not per run of an estimate's search).</summary>
    /// <param name="callGasCeiling">null = the block gas limit (a call cannot have more than a transaction could);
    /// otherwise the most gas a call may have, at most <see cref="MaxCallGas"/>, for a caller that caps the gas itself.</param>
    public static CallSite Create(BlockHeader header, IStateReader reader, CallOverrides? overrides, Func<ulong, Hash256> blockHash,
        ulong? callGasCeiling = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(reader);
        if (overrides is not null) StateOverrides.Validate(overrides.Accounts);
        ulong gasLimit = overrides?.Block?.GasLimit ?? header.GasLimit;
        ulong ceiling = Math.Min(overrides?.Block?.GasLimit ?? callGasCeiling ?? header.GasLimit, MaxCallGas);
        return new CallSite(header, reader, overrides is { IsEmpty: false } ? overrides : null, gasLimit, blockHash, ceiling);
    }

    /// <summary>The gas one call runs with: what it asks for (the block gas limit when it names none), at most the ceiling.</summary>
    internal ulong CallGas(ulong? requested) => Math.Min(requested ?? GasLimit, CallGasCeiling);
}
