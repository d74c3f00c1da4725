namespace OasisEth.Executor;

/// <summary>
/// One round to execute: its number (= the block number, previous head + 1), the timestamp from the round's
/// input (never the wall clock), the ordered batch of raw signed transactions, and the Ed25519 public keys
/// (32 bytes each) of the previous round's good compute committee (rhp-spec 7.2), who earn operator rewards.
/// </summary>
public sealed record RoundInput(ulong Number, ulong Timestamp, IReadOnlyList<byte[]> Transactions,
    IReadOnlyList<byte[]> GoodComputeEntities);
