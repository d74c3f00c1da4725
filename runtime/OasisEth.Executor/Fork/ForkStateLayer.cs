using OasisEth.Mkvs;
using OasisEth.State;
using OasisEth.State.Mkvs;

namespace OasisEth.Executor;

/// <summary>A forked chain's rounds: they read through <see cref="ForkStateReader"/> and mark what they write
/// (<see cref="ForkShadow"/>).</summary>
public sealed class ForkStateLayer(ForkSource source) : IRoundStateLayer
{
    public ForkSource Source { get; } = source;

    public IStateReader Over(MkvsTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return new ForkStateReader(new MkvsStateReader(tree), key => tree.Get(key), Source);
    }

    public void Record(MkvsTree tree, BlockChanges changes) => ForkShadow.Record(tree, changes);
}
