using OasisEth.Transactions;

namespace OasisEth.Executor;

/// <summary>
/// Result of eth_createAccessList: the access list the call touches (sorted by address, keys ascending), the gas
/// the call used with that list attached, and the execution error if the call failed with it ("execution
/// reverted", "out of gas", ...; <see cref="RevertData"/> holds a revert's data). <see cref="Invalid"/> means the
/// call could not run at all (e.g. insufficient funds): <see cref="Error"/> is then geth's wording and there is
/// no list.
/// </summary>
public sealed record AccessListOutcome(AccessListItem[] AccessList, ulong GasUsed, string? Error, byte[] RevertData)
{
    public bool Invalid { get; init; }
}
