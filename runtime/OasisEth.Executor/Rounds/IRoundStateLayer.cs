using OasisEth.Mkvs;
using OasisEth.State;

namespace OasisEth.Executor;

/// <summary>
/// Dev node only (a forked chain, <see cref="ForkStateLayer"/>): how a round reads its parent's state out of the tree
/// (with another state under it) and what it records in the tree beside each change it writes. The ParaTime runtime
/// never sets one: its state is the tree alone.
/// </summary>
public interface IRoundStateLayer
{
    /// <summary>The reader the round starts from, over <paramref name="tree"/>.</summary>
    IStateReader Over(MkvsTree tree);

    /// <summary>Called after <paramref name="changes"/> were written into <paramref name="tree"/>, before the commit.</summary>
    void Record(MkvsTree tree, BlockChanges changes);
}
