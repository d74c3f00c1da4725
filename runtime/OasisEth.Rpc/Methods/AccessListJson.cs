using System.Text.Json;
using OasisEth.Transactions;
using OasisEth.Executor;

namespace OasisEth.Rpc;

/// <summary>eth_createAccessList's answer: <c>{accessList: [{address, storageKeys}], gasUsed, error?}</c>.</summary>
internal static class AccessListJson
{
    public static void Write(Utf8JsonWriter w, AccessListOutcome outcome)
    {
        w.WriteStartObject();
        w.WritePropertyName("accessList");
        w.WriteStartArray();
        foreach (AccessListItem item in outcome.AccessList)
        {
            w.WriteStartObject();
            RpcJson.Address(w, "address", item.Address);
            w.WritePropertyName("storageKeys");
            w.WriteStartArray();
            foreach (var key in item.StorageKeys) RpcJson.Word(w, key);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        RpcJson.Quantity(w, "gasUsed", outcome.GasUsed);
        if (outcome.Error is { } error) w.WriteString("error", error);
        w.WriteEndObject();
    }
}
