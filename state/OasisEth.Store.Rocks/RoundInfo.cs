using OasisEth.Primitives;

namespace OasisEth.Store.Rocks;

/// <summary>What the store keeps per committed round: the state root after it and the block's hash.</summary>
public readonly record struct RoundInfo(ulong Round, Hash256 StateRoot, Hash256 BlockHash);
