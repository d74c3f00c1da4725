using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.State.Mkvs;

/// <summary>The EVM state in an <see cref="MkvsTree"/> listed like <see cref="InMemoryWorldState.Dump"/>: sorted by
/// address, slots by key. For diffs when a root does not match; not a hot path.</summary>
public static class MkvsStateDump
{
    public static IReadOnlyList<InMemoryWorldState.AccountDump> Dump(MkvsTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var result = new List<InMemoryWorldState.AccountDump>();
        MkvsIterator it = tree.CreateIterator();
        for (it.Seek([StateSchema.AccountPrefix]); it.Valid && it.Key[0] == StateSchema.AccountPrefix; it.Next())
        {
            var address = new Address(it.Key.AsSpan(1));
            StateSchema.DecodeAccount(it.Value, out ulong nonce, out UInt256 balance, out Hash256 codeHash);
            byte[] code = codeHash == Hash256.EmptyCode ? [] : tree.Get(StateSchema.CodeKey(codeHash)) ?? [];
            var storage = new List<KeyValuePair<UInt256, UInt256>>();
            byte[] prefix = new byte[StateSchema.StoragePrefixLength];
            StateSchema.WriteStoragePrefix(address, prefix);
            MkvsIterator slots = tree.CreateIterator();
            for (slots.Seek(prefix); slots.Valid && slots.Key.AsSpan().StartsWith(prefix); slots.Next())
            {
                StateSchema.TryParseStorageKey(slots.Key, out _, out UInt256 slot);
                storage.Add(new(slot, StateSchema.DecodeStorageValue(slots.Value)));
            }
            result.Add(new InMemoryWorldState.AccountDump(address, nonce, balance, code, storage));
        }
        return result;
    }
}
