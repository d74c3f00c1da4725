using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.State.Mkvs.Tests;

internal static class TestState
{
    public static readonly Address A = Address.Parse("0x1000000000000000000000000000000000000001");
    public static readonly Address B = Address.Parse("0x2000000000000000000000000000000000000002");
    public static readonly Address C = Address.Parse("0x3000000000000000000000000000000000000003");
    public static readonly Address Missing = Address.Parse("0x4000000000000000000000000000000000000004");

    public static readonly byte[] CodeX = [0x60, 0x01, 0x60, 0x00, 0x55];
    public static readonly byte[] CodeY = [0x60, 0x02, 0x60, 0x00, 0x55, 0x00];

    public static KeyValuePair<UInt256, UInt256>[] Slots(params (ulong Key, ulong Value)[] slots)
    {
        var result = new KeyValuePair<UInt256, UInt256>[slots.Length];
        for (int i = 0; i < slots.Length; i++) result[i] = new(slots[i].Key, slots[i].Value);
        return result;
    }

    /// <summary>A: nonce 1, balance 100, code X, slots {1: 11, 2: 22}; B: balance 50, no code, no storage;
    /// C: nonce 0, balance 0, no code, slot {7: 77} (the EIP-7610 kind of account). Committed.</summary>
    public static MkvsTree Tree()
    {
        var tree = new MkvsTree();
        MkvsStateWriter.PutAccount(tree, A, 1, 100, CodeX, Slots((1, 11), (2, 22)));
        MkvsStateWriter.PutAccount(tree, B, 0, 50, [], []);
        MkvsStateWriter.PutAccount(tree, C, 0, 0, [], Slots((7, 77)));
        tree.Commit();
        return tree;
    }

    /// <summary>The same accounts in a self-contained state: the reference the MKVS path is compared with.</summary>
    public static InMemoryWorldState Reference()
    {
        var state = new InMemoryWorldState();
        state.SetAccount(A, 1, 100, CodeX, Slots((1, 11), (2, 22)));
        state.SetAccount(B, 0, 50, [], []);
        state.SetAccount(C, 0, 0, [], Slots((7, 77)));
        return state;
    }

    /// <summary>Ends a block: collect, apply, commit; returns the changes.</summary>
    public static BlockChanges EndBlock(InMemoryWorldState state, MkvsTree tree)
    {
        BlockChanges changes = state.CollectChanges();
        MkvsStateWriter.Apply(tree, changes);
        tree.Commit();
        return changes;
    }

    public static List<KeyValuePair<byte[], byte[]>> Entries(MkvsTree tree)
    {
        var list = new List<KeyValuePair<byte[], byte[]>>();
        foreach (KeyValuePair<byte[], byte[]> e in tree.Enumerate()) list.Add(e);
        return list;
    }
}
