using OasisEth.Primitives;

namespace OasisEth.State;

/// <summary>An account created or changed in a block: its values at the end of the block.</summary>
public readonly record struct AccountUpdate(Address Address, ulong Nonce, UInt256 Balance, Hash256 CodeHash);
