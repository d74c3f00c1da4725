using System.Text.Json;
using OasisEth.Executor;

namespace OasisEth.Rpc;

/// <summary>
/// EIP-7966's eth_sendRawTransactionSync (raw transaction, optional timeout in ms) and anvil's eth_sendTransactionSync:
/// the ordinary send, then the answer is the receipt once a block carries the transaction. As anvil: the wait is at
/// most 30 s (a smaller positive timeout shortens it), and when it runs out the error is code 4 "Transaction
/// confirmation timeout" with the hash as data. A transaction the pool drops is an error naming why.
/// </summary>
internal static class SyncSends
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    public static void Register(RpcMethodTable t, RpcContext c)
    {
        // Registered after AutomineSends: the sends used here already wait for an automine round.
        if (t.TryGet("eth_sendRawTransaction", out RpcMethod sendRaw))
            t.Add("eth_sendRawTransactionSync", call => SendAndWait(sendRaw, call, c, call.Params.OptionalQuantity(1)));
        if (t.TryGet("eth_sendTransaction", out RpcMethod send))
            t.Add("eth_sendTransactionSync", call => SendAndWait(send, call, c, null));
    }

    private static async ValueTask SendAndWait(RpcMethod send, RpcCall call, RpcContext c, ulong? timeoutMs)
    {
        // The send writes the hash; here it goes to a scratch writer, the answer is the receipt.
        using var scratch = new Utf8JsonWriter(Stream.Null);
        var inner = new RpcCall(call.Params, scratch, call.Session, call.Cancellation);
        await send(inner);
        if (inner.Submitted is not { } tx) throw RpcException.Server("transaction was not admitted");
        TimeSpan wait = timeoutMs is > 0 && TimeSpan.FromMilliseconds(timeoutMs.Value) < MaxWait ? TimeSpan.FromMilliseconds(timeoutMs.Value) : MaxWait;
        string? dropped;
        try
        {
            dropped = await tx.Fate.WaitAsync(wait, call.Cancellation);
        }
        catch (TimeoutException)
        {
            throw new RpcException(4, "Transaction confirmation timeout", tx.Hash.ToString());
        }
        if (dropped is not null) throw RpcException.Server($"transaction {tx.Hash} was not mined: {dropped}");
        StoredReceipt? receipt = c.Chain.GetReceipt(tx.Hash);
        if (receipt is null) throw RpcException.Server($"transaction {tx.Hash} has no receipt");
        RpcObjects.Receipt(call.Result, receipt, c.Chain.GetHeader(receipt.BlockNumber)?.Timestamp ?? 0);
    }
}
