using System.Formats.Cbor;
using OasisEth.Executor;
using OasisEth.Host.Cbor;

namespace OasisEth.ParaTime;

/// <summary>
/// What the I/O tree holds as a transaction's output (rhp-spec §8; clients read it through the node's
/// <c>SubmitTx</c>): canonical CBOR, one of
/// <list type="bullet">
/// <item><c>{"ok": {tx_hash, status, gas_used, cumulative_gas_used, effective_gas_price, contract_address?, logs, revert_data?, block_number, index}}</c>
/// for an executed transaction (status 1 success, 0 failed: it is in the block and paid its gas);</item>
/// <item><c>{"error": {module, code, message}}</c> for an entry the round could not execute (Execute mode replays
/// every proposed entry; a deterministic failure output is all it leaves).</item>
/// </list>
/// Logs are <c>[address(20), [topic(32)…], data]</c>. Amounts are big-endian without leading zeros. docs/runtime.md.
/// </summary>
public static class TxOutput
{
    public static byte[] Executed(StoredReceipt r) => CborOut.Encode(w =>
    {
        w.WriteStartMap(1);
        w.WriteTextString("ok");
        w.WriteStartMap(null);
        CborOut.Hash(w, "tx_hash", r.TransactionHash);
        CborOut.U64(w, "status", r.Success ? 1UL : 0UL);
        CborOut.U64(w, "gas_used", r.GasUsed);
        CborOut.U64(w, "cumulative_gas_used", r.CumulativeGasUsed);
        CborOut.Bytes(w, "effective_gas_price", Quantity(r.EffectiveGasPrice));
        if (r.ContractAddress is { } created) CborOut.Bytes(w, "contract_address", created.Bytes);
        w.WriteTextString("logs");
        w.WriteStartArray(r.Logs.Count);
        foreach (StoredLog log in r.Logs)
        {
            w.WriteStartArray(3);
            w.WriteByteString(log.Address.Bytes);
            w.WriteStartArray(log.Topics.Length);
            foreach (var topic in log.Topics) w.WriteByteString(topic.Bytes);
            w.WriteEndArray();
            w.WriteByteString(log.Data);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        CborOut.OptBytes(w, "revert_data", r.RevertData);
        CborOut.U64(w, "block_number", r.BlockNumber);
        CborOut.U64(w, "index", (ulong)r.TransactionIndex);
        w.WriteEndMap();
        w.WriteEndMap();
    });

    public static byte[] Failed(string reason) => CborOut.Encode(w =>
    {
        w.WriteStartMap(1);
        w.WriteTextString("error");
        w.WriteStartMap(null);
        CborOut.Text(w, "module", EvmErrors.Module);
        CborOut.U64(w, "code", EvmErrors.CodeOf(reason));
        CborOut.Text(w, "message", reason);
        w.WriteEndMap();
        w.WriteEndMap();
    });

    internal static byte[] Quantity(in OasisEth.Primitives.UInt256 value)
    {
        Span<byte> be = stackalloc byte[32];
        value.WriteBigEndian(be);
        int first = 0;
        while (first < 32 && be[first] == 0) first++;
        return be[first..].ToArray();
    }
}
