using System.Collections.Immutable;
using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>One account's pending dev edits: the fields set (null = as the state has it) and the slots written.</summary>
public sealed record AccountEdit(UInt256? Balance, ulong? Nonce, byte[]? Code, Hash256? CodeHash,
    ImmutableSortedDictionary<UInt256, UInt256> Storage)
{
    public static readonly AccountEdit None = new(null, null, null, null, ImmutableSortedDictionary<UInt256, UInt256>.Empty);
}

/// <summary>
/// Dev-only state edits (anvil_setBalance and friends) not yet in a block: absolute values over the state of block
/// <see cref="BaseNumber"/>. Immutable: an edit makes a new set, so a reader holding one sees a consistent picture
/// while the writer moves on. Reads of that block's state overlay them (<see cref="EditedStateReader"/>); the next
/// round writes them into its state before its first transaction (docs/executor.md, "Dev state edits").
/// </summary>
public sealed class StateEdits
{
    public StateEdits(ulong baseNumber, ImmutableSortedDictionary<Address, AccountEdit> accounts)
    {
        BaseNumber = baseNumber;
        Accounts = accounts;
    }

    /// <summary>The block whose state these edits apply on.</summary>
    public ulong BaseNumber { get; }

    /// <summary>Edited accounts in address order (the order they are written in).</summary>
    public ImmutableSortedDictionary<Address, AccountEdit> Accounts { get; }

    public bool IsEmpty => Accounts.IsEmpty;

    public static StateEdits Empty(ulong baseNumber) => new(baseNumber, ImmutableSortedDictionary<Address, AccountEdit>.Empty);

    public StateEdits With(in Address address, Func<AccountEdit, AccountEdit> change) =>
        new(BaseNumber, Accounts.SetItem(address, change(Accounts.TryGetValue(address, out AccountEdit? e) ? e : AccountEdit.None)));
}
