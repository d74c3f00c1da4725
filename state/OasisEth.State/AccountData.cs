using OasisEth.Primitives;

namespace OasisEth.State;

/// <summary>
/// An account as a state backend stores it: nonce, balance and code hash (<see cref="Hash256.EmptyCode"/> for
/// no code), plus whether it has at least one non-zero storage slot. <see cref="HasStorage"/> lets the world
/// state skip storage reads for accounts without storage (most of them) and know when a re-created account's
/// old storage must be wiped.
/// </summary>
public readonly record struct AccountData(ulong Nonce, UInt256 Balance, Hash256 CodeHash, bool HasStorage);
