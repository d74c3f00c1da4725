using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>A log with its position: <see cref="LogIndex"/> counts logs within the block.</summary>
public sealed record StoredLog(Address Address, Hash256[] Topics, byte[] Data,
    ulong BlockNumber, Hash256 BlockHash, Hash256 TransactionHash, int TransactionIndex, int LogIndex);
