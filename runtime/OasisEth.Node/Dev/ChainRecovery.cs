using System.Globalization;
using OasisEth.Executor;
using OasisEth.Rpc;

namespace OasisEth.Node.Dev;

/// <summary>
/// --rollback-to, and the start-up check that points to it. Older versions let evm_mine and
/// evm_setNextBlockTimestamp stamp a block up to 2^64 - 1, after which no block can follow and every round fails
/// across restarts; rolling the chain back to the last block with a usable timestamp recovers it (the dropped
/// blocks and their transactions are gone, as after evm_revert).
/// </summary>
internal static class ChainRecovery
{
    /// <summary>Rolls back when asked, else warns about a head no timestamp rule allows; false when the rollback
    /// is impossible (past the head, or its state no longer kept).</summary>
    public static bool Apply(Chain chain, ulong? rollbackTo, TextWriter stdout, TextWriter stderr)
    {
        var inv = CultureInfo.InvariantCulture;
        BlockHeader head = chain.Head;
        if (rollbackTo is { } target)
        {
            if (target > head.Number)
            {
                stderr.WriteLine(string.Create(inv, $"oasis-eth dev: --rollback-to {target} is past the head block {head.Number}."));
                return false;
            }
            try
            {
                chain.RollbackTo(target);
            }
            catch (StateUnavailableException e)
            {
                stderr.WriteLine($"oasis-eth dev: --rollback-to {target.ToString(inv)} refused: {e.Message}");
                return false;
            }
            stdout.WriteLine(string.Create(inv, $"Rolled back:       head is block {target} (was {head.Number})"));
            return true;
        }
        if (head.Timestamp > DevNodeOptions.MaxBlockTimestamp)
        {
            ulong usable = LastUsableBlock(chain, head);
            stdout.WriteLine(string.Create(inv,
                $"Warning: the head block {head.Number} has timestamp {head.Timestamp}, past the largest this node sets ({DevNodeOptions.MaxBlockTimestamp}); "
                + $"an older version stamped it and the chain may not be able to continue. Restart with --rollback-to {usable} to recover."));
        }
        return true;
    }

    /// <summary>The newest block at or below the head whose timestamp the rules allow (block 0 at worst).</summary>
    private static ulong LastUsableBlock(Chain chain, BlockHeader head)
    {
        for (ulong n = head.Number; n > 0; n--)
            if (chain.GetHeader(n) is { } h && h.Timestamp <= DevNodeOptions.MaxBlockTimestamp) return n;
        return 0;
    }
}
