using OasisEth.Primitives;

namespace OasisEth.State;

/// <summary>
/// An account as the block found it (from the <see cref="IStateReader"/>, or as the last
/// <see cref="InMemoryWorldState.CollectChanges"/> left it): what <see cref="InMemoryWorldState.CollectChanges"/>
/// compares the end of the block against. With a reader, an entry also means "asked already", so an absent
/// account is not asked for twice.
/// </summary>
internal readonly struct BaseAccount
{
    public readonly bool Exists;
    public readonly bool HasStorage;
    public readonly ulong Nonce;
    public readonly UInt256 Balance;
    public readonly Hash256 CodeHash;

    public BaseAccount(ulong nonce, in UInt256 balance, in Hash256 codeHash, bool hasStorage)
    {
        Exists = true;
        Nonce = nonce;
        Balance = balance;
        CodeHash = codeHash;
        HasStorage = hasStorage;
    }

    /// <summary>No account at the address.</summary>
    public static BaseAccount Missing => default;
}
