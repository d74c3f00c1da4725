namespace OasisEth.Rpc;

/// <summary>
/// Under automine, eth_sendRawTransaction and eth_sendTransaction answer once the round that carries the transaction
/// is committed, as anvil and Hardhat's network do. Clients rely on it: Hardhat's `ethers.deployContract` followed at
/// once by a call reads "latest" right after the send returns, and found no code while the round was still running.
/// In interval and manual mining the send answers at admission, as there.
/// </summary>
internal static class AutomineSends
{
    public static void Register(RpcMethodTable t, RpcContext c)
    {
        t.Wrap("eth_sendRawTransaction", send => call => AfterRound(send, call, c.Driver));
        t.Wrap("eth_sendTransaction", send => call => AfterRound(send, call, c.Driver));
    }

    private static async ValueTask AfterRound(RpcMethod send, RpcCall call, DevRoundDriver driver)
    {
        await send(call);
        if (!driver.Automine) return;
        // Admission queued the round (or found one queued that had not read the pool yet); work runs in order, so
        // work queued now completes after that round. Concurrent senders share rounds and the flush after them.
        try
        {
            await driver.AfterQueuedRoundAsync();
        }
        catch (RpcException)
        {
            // The node is stopping: the transaction was admitted and its hash is the answer.
            return;
        }
        // The round that took the transaction has run. Mined, or still pooled behind a nonce gap: the hash is the
        // answer. Dropped (the round failed, or rejected it): an error naming the reason, since a hash would
        // promise a receipt that never comes.
        if (call.Submitted is { Fate: { IsCompleted: true } fate } tx && fate.Result is { } reason)
            throw RpcException.Server($"transaction {tx.Hash} was not mined: {reason}");
    }
}
