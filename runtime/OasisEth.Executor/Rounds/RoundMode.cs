namespace OasisEth.Executor;

/// <summary>How a round treats a batch entry that cannot run now.</summary>
public enum RoundMode
{
    /// <summary>The batch is fixed (the dev node's round, a replica replaying a proposal): every entry belongs to
    /// the round; one that cannot run is rejected and changes nothing.</summary>
    Replay,

    /// <summary>The round's proposer chooses: an entry that cannot run <em>yet</em> (a nonce ahead of the sender's,
    /// more gas than the block has left) is deferred, left out of the block and kept in the pool; an invalid one is
    /// rejected (the pool drops it).</summary>
    Schedule,
}
