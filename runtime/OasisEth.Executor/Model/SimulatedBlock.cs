using OasisEth.Evm;
using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>One block of an eth_simulateV1 request: its block overrides, the state overrides applied before its calls,
/// and the calls, run in order on the state the earlier blocks and calls left.</summary>
public sealed record SimulatedBlock(BlockOverrides? Block, IReadOnlyList<AccountOverride> State, IReadOnlyList<CallRequest> Calls);

/// <summary>A simulated call's outcome: its logs (none when it failed) and, on failure, the error and revert data.</summary>
public sealed record SimulatedCallResult(bool Success, bool Reverted, byte[] Output, ulong GasUsed, string? Error, LogEntry[] Logs, Address Sender);

/// <summary>A simulated block: the context its calls ran in and their results.</summary>
public sealed record SimulatedBlockResult(BlockContext Context, ulong GasUsed, IReadOnlyList<SimulatedCallResult> Calls);
