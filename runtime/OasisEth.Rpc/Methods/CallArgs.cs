using System.Text.Json;
using OasisEth.Transactions;
using OasisEth.Executor;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>The transaction-call object of eth_call, eth_estimateGas, eth_sendTransaction and debug_traceCall.</summary>
internal static partial class CallArgs
{
    public static (CallRequest Request, TxType? Type, ulong? ChainId) Parse(JsonElement obj, string where)
    {
        if (obj.ValueKind != JsonValueKind.Object) throw RpcException.InvalidParams($"{where}: expected a transaction object");
        byte[] data = [];
        JsonElement? input = RpcValues.Member(obj, "input");
        JsonElement? dataField = RpcValues.Member(obj, "data");
        if (input is { } i) data = RpcValues.Data(i, where + ": input");
        if (dataField is { } d)
        {
            byte[] other = RpcValues.Data(d, where + ": data");
            if (input is not null && !other.AsSpan().SequenceEqual(data))
                throw RpcException.InvalidParams($"{where}: both \"data\" and \"input\" are set and not equal. Please use \"input\" to pass transaction call data");
            data = other;
        }
        AccessListItem[]? accessList = null;
        if (RpcValues.Member(obj, "accessList") is { } al) accessList = ParseAccessList(al, where + ": accessList");
        var request = new CallRequest
        {
            From = RpcValues.Member(obj, "from") is { } f ? RpcValues.Address(f, where + ": from") : null,
            To = RpcValues.Member(obj, "to") is { } t ? RpcValues.Address(t, where + ": to") : null,
            Gas = RpcValues.Member(obj, "gas") is { } g ? RpcValues.ULong(g, where + ": gas") : null,
            GasPrice = RpcValues.Member(obj, "gasPrice") is { } gp ? RpcValues.UInt256(gp, where + ": gasPrice") : null,
            MaxFeePerGas = RpcValues.Member(obj, "maxFeePerGas") is { } mf ? RpcValues.UInt256(mf, where + ": maxFeePerGas") : null,
            MaxPriorityFeePerGas = RpcValues.Member(obj, "maxPriorityFeePerGas") is { } mp ? RpcValues.UInt256(mp, where + ": maxPriorityFeePerGas") : null,
            Value = RpcValues.Member(obj, "value") is { } v ? RpcValues.UInt256(v, where + ": value") : null,
            Nonce = RpcValues.Member(obj, "nonce") is { } n ? RpcValues.ULong(n, where + ": nonce") : null,
            Data = data,
            AccessList = accessList,
        };
        if (request.GasPrice is not null && (request.MaxFeePerGas is not null || request.MaxPriorityFeePerGas is not null))
            throw RpcException.InvalidParams($"{where}: both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified");
        TxType? type = null;
        if (RpcValues.Member(obj, "type") is { } typeElement)
        {
            ulong raw = RpcValues.ULong(typeElement, where + ": type");
            if (raw > 2 && raw != 4) throw RpcException.InvalidParams($"{where}: transaction type {raw} not supported here");
            type = (TxType)raw;
        }
        ulong? chainId = RpcValues.Member(obj, "chainId") is { } ci ? RpcValues.ULong(ci, where + ": chainId") : null;
        return (request, type, chainId);
    }

    private static AccessListItem[] ParseAccessList(JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.Array) throw RpcException.InvalidParams($"{where}: expected an array");
        var items = new List<AccessListItem>();
        foreach (JsonElement item in e.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) throw RpcException.InvalidParams($"{where}: expected {{address, storageKeys}} objects");
            Address address = RpcValues.Address(RpcValues.Member(item, "address") ?? throw RpcException.InvalidParams($"{where}: missing address"), where + ": address");
            var keys = new List<UInt256>();
            if (RpcValues.Member(item, "storageKeys") is { } ks)
            {
                if (ks.ValueKind != JsonValueKind.Array) throw RpcException.InvalidParams($"{where}: storageKeys must be an array");
                foreach (JsonElement k in ks.EnumerateArray()) keys.Add(RpcValues.Hash(k, where + ": storage key").ToWord());
            }
            items.Add(new AccessListItem(address, [.. keys]));
        }
        return [.. items];
    }
}
