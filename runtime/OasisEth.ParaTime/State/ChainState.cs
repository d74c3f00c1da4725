using OasisEth.Executor;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.ParaTime;

/// <summary>
/// The chain as one state root holds it: the tree, and the head block recorded in it (<see cref="ChainRecords"/>).
/// An empty state has no chain yet: <see cref="Head"/> is null until the first round writes the genesis.
/// </summary>
internal sealed class ChainState(MkvsTree tree, BlockHeader? head)
{
    public MkvsTree Tree { get; } = tree;

    public BlockHeader? Head { get; } = head;

    public bool IsEmpty => Head is null;

    public static ChainState At(MkvsTree tree)
    {
        Hash256 root = tree.Root;
        if (root == Sha512_256.EmptyHash) return new ChainState(tree, null);
        BlockHeader head = ChainRecords.ReadHead(tree, root)
            ?? throw new InvalidOperationException($"The state at root {root} holds no chain head record: not an Oasis-Eth state.");
        return new ChainState(tree, head);
    }

    public Hash256 BlockHash(ulong number) => ChainRecords.ReadBlockHash(Tree, number);
}
