using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>Operator rewards: <see cref="AmountPerEpoch"/> wei released from the pool at the end of each epoch
/// of <see cref="RoundsPerEpoch"/> rounds, for <see cref="Epochs"/> epochs (docs/oeth.md has the split rules).</summary>
/// <remarks>Epoch <c>e</c> (from 0) is rounds <c>e·RoundsPerEpoch + 1</c> to <c>(e + 1)·RoundsPerEpoch</c>:
/// round 1 is the first round after genesis (block 0).</remarks>
public sealed record RewardSchedule(UInt256 AmountPerEpoch, ulong Epochs, ulong RoundsPerEpoch);
