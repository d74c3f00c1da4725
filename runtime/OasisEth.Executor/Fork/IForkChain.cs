namespace OasisEth.Executor;

/// <summary>A dev chain that can fork another node and start over (anvil_reset). Only <see cref="Chain"/>
/// implements it.</summary>
public interface IForkChain
{
    /// <summary>The remote block the chain forks; null when it is not a fork.</summary>
    ForkPoint? ForkPoint { get; }

    /// <summary>The remote reads (request counters), or null.</summary>
    ForkSource? ForkSource { get; }

    /// <summary>The fork the chain was opened with (null: a plain dev chain): anvil_reset with no parameters.</summary>
    ForkConfig? StartFork { get; }

    /// <summary>Starts over: a fresh dev chain (null) or a fork of another node or block.</summary>
    void Reset(ForkConfig? fork);
}
