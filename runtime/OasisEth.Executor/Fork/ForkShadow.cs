using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

/// <summary>
/// The marks a forked chain keeps in its own state tree for what it wrote, so a value the chain deleted or zeroed
/// is not read from the remote again: a slot set to zero is no key in the tree, exactly like a slot never written,
/// and only the mark tells them apart. Keys under their own prefix (<see cref="Prefix"/>, beside the EVM schema's
/// 0x01-0x04): <c>0x05 ‖ address</c> with a flags byte (<see cref="AccountLocal"/>: the account's nonce, balance, code
/// and existence are the chain's own; <see cref="StorageLocal"/>: all of its storage is, after a wipe or deletion),
/// and <c>0x05 ‖ address ‖ slot</c> for one slot. Being in the tree, the marks roll back, prune and commit with the
/// state they describe, and the block's state root covers them.
/// </summary>
public static class ForkShadow
{
    public const byte Prefix = 0x05;
    public const byte AccountLocal = 0x01;
    public const byte StorageLocal = 0x02;
    private static readonly byte[] SlotMark = [0x01];

    public static byte[] AccountKey(in Address address)
    {
        var key = new byte[1 + Address.Size];
        key[0] = Prefix;
        address.Bytes.CopyTo(key.AsSpan(1));
        return key;
    }

    public static byte[] SlotKey(in Address address, in UInt256 slot)
    {
        var key = new byte[1 + Address.Size + 32];
        key[0] = Prefix;
        address.Bytes.CopyTo(key.AsSpan(1));
        slot.WriteBigEndian(key.AsSpan(1 + Address.Size));
        return key;
    }

    /// <summary>Marks everything <paramref name="changes"/> wrote (in its sorted order, so every node writes the same).</summary>
    public static void Record(MkvsTree tree, BlockChanges changes)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(changes);
        foreach (Address address in changes.StorageWipes) Mark(tree, address, AccountLocal | StorageLocal);
        // A deleted account has no storage left either.
        foreach (Address address in changes.Deleted) Mark(tree, address, AccountLocal | StorageLocal);
        foreach (AccountUpdate account in changes.Accounts) Mark(tree, account.Address, AccountLocal);
        foreach (StorageChange slot in changes.Storage) tree.Insert(SlotKey(slot.Address, slot.Slot), SlotMark);
    }

    private static void Mark(MkvsTree tree, in Address address, byte flags)
    {
        byte[] key = AccountKey(address);
        byte old = tree.Get(key) is [var stored] ? stored : (byte)0;
        if ((old | flags) != old) tree.Insert(key, [(byte)(old | flags)]);
    }
}
