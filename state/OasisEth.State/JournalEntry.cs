using OasisEth.Primitives;

namespace OasisEth.State;

internal enum JournalKind : byte
{
    /// <summary>The account object at Address was replaced or added; Ref holds the previous one (null: none).</summary>
    AccountReplaced,
    Balance,
    Nonce,
    /// <summary>Ref holds the previous code array.</summary>
    Code,
    /// <summary>Ref holds the Account whose slot Key held Previous.</summary>
    Storage,
    TransientStorage,
    Touched,
    WarmAccount,
    WarmSlot,
    Log,
    SelfDestructed,
    CreatedInTransaction,
}

/// <summary>
/// One undo record. A struct in a reused array, so journaling a change allocates nothing once the array
/// has grown to a transaction's size. Fields are reused per kind (see <see cref="JournalKind"/>).
/// </summary>
internal struct JournalEntry
{
    public JournalKind Kind;
    public Address Address;
    public UInt256 Key;
    public UInt256 Previous;
    public object? Ref;
}
