using System.Globalization;
using OasisEth.Executor;

namespace OasisEth.Rpc;

/// <summary>Old eth_* names anvil still answers, answered as anvil does: the protocol version 1, the network id (the
/// chain id as a decimal string), eth_requestAccounts (EIP-1102) as eth_accounts, and the proof-of-work methods
/// and the typed-data signatures before v4 with anvil's "Not implemented" (there is no work on this chain; v4 is
/// the typed-data method clients use). anvil's code for it is -32603; here -32000, since -32603 on this node means
/// a handler failed, which the bad-input tests look for., plus Otterscan's erigon_getHeaderByNumber.</summary>
internal static class ProtocolStubsApi
{
    public static void Register(RpcMethodTable t, RpcContext c)
    {
        t.Add("eth_protocolVersion", call => call.Result.WriteNumberValue(1));
        t.Add("eth_networkId", call => call.Result.WriteStringValue(c.Genesis.ChainId.ToString(CultureInfo.InvariantCulture)));
        if (t.TryGet("eth_accounts", out RpcMethod accounts)) t.Add("eth_requestAccounts", accounts);
        foreach (string name in (string[])["eth_getWork", "eth_submitWork", "eth_submitHashrate", "eth_signTypedData", "eth_signTypedData_v3"])
            t.Add(name, _ => throw RpcException.Server("Not implemented"));
        // Otterscan's faster eth_getBlockByNumber: the block with transaction hashes only.
        t.Add("erigon_getHeaderByNumber", call =>
        {
            Block? block = c.TryResolve(call.Params.Required(0), RpcParams.Where(0), out ulong n, out _) ? c.Chain.GetBlock(n) : null;
            if (block is null) call.Result.WriteNullValue();
            else RpcObjects.Block(call.Result, block, false);
        });
    }
}
