using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>An account as the fork's remote node had it at the fork block.</summary>
public readonly record struct RemoteAccount(ulong Nonce, UInt256 Balance, Hash256 CodeHash);
