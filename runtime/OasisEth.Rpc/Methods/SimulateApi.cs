using System.Buffers.Binary;
using System.Text.Json;
using OasisEth.Executor;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>
/// eth_simulateV1 (execution-apis): blocks of calls, each block with its own block and state overrides, run in order on
/// one throw-away state after the given block; the answer is one block object per simulated block with a <c>calls</c>
/// array <c>[{returnData, logs, gasUsed, status, error?}]</c>. Simulated blocks are not built: their hashes and the
/// transaction hashes are identifiers derived from the block number and position, and state/receipt roots are those
/// of nothing. Not supported: <c>traceTransfers</c> (no ERC-7528 transfer logs), <c>validation</c> (calls always run
/// with eth_call's relaxed rules), <c>returnFullTransactions</c> (hashes only).
/// </summary>
internal static class SimulateApi
{
    public static void Register(RpcMethodTable t, RpcContext c)
    {
        t.Add("eth_simulateV1", async call =>
        {
            JsonElement options = call.Params.Required(0);
            if (options.ValueKind != JsonValueKind.Object) throw RpcException.InvalidParams("invalid argument 0: expected a simulation object");
            if (RpcValues.Member(options, "blockStateCalls") is not { ValueKind: JsonValueKind.Array } blockCalls)
                throw RpcException.InvalidParams("invalid argument 0: blockStateCalls must be an array");
            var blocks = new List<SimulatedBlock>();
            int b = 0;
            foreach (JsonElement block in blockCalls.EnumerateArray())
            {
                string where = $"invalid argument 0: blockStateCalls[{b++}]";
                if (block.ValueKind != JsonValueKind.Object) throw RpcException.InvalidParams($"{where}: expected an object");
                BlockOverrides? overrides = CallArgs.ParseBlockOverrides(RpcValues.Member(block, "blockOverrides"), where + ".blockOverrides");
                IReadOnlyList<AccountOverride> state = CallArgs.ParseStateOverrides(RpcValues.Member(block, "stateOverrides"), where + ".stateOverrides") ?? [];
                var calls = new List<CallRequest>();
                if (RpcValues.Member(block, "calls") is { } list)
                {
                    if (list.ValueKind != JsonValueKind.Array) throw RpcException.InvalidParams($"{where}: calls must be an array");
                    int i = 0;
                    foreach (JsonElement callObject in list.EnumerateArray())
                    {
                        (CallRequest request, _, _) = CallArgs.Parse(callObject, $"{where}.calls[{i++}]");
                        calls.Add(request);
                    }
                }
                blocks.Add(new SimulatedBlock(overrides, state, calls));
            }
            ulong number = c.ResolveExisting(call.Params, 1);
            BlockHeader parent = c.Chain.GetHeader(number) ?? throw RpcException.Server("header not found");
            IReadOnlyList<SimulatedBlockResult> results;
            try
            {
                results = await TxApi.WithTimeout(c, ct => c.Chain.Simulate(number, blocks, ct), call.Cancellation);
            }
            catch (ArgumentException e)
            {
                throw RpcException.InvalidParams(e.Message);
            }
            Write(call.Result, parent, results);
        });
    }

    private static void Write(Utf8JsonWriter w, BlockHeader parent, IReadOnlyList<SimulatedBlockResult> results)
    {
        w.WriteStartArray();
        Hash256 parentHash = parent.Hash;
        foreach (SimulatedBlockResult block in results)
        {
            Hash256 hash = BlockId(parentHash, block.Context.Number);
            w.WriteStartObject();
            RpcJson.Quantity(w, "baseFeePerGas", block.Context.BaseFee);
            RpcJson.Quantity(w, "difficulty", 0UL);
            RpcJson.Data(w, "extraData", []);
            RpcJson.Quantity(w, "gasLimit", block.Context.GasLimit);
            RpcJson.Quantity(w, "gasUsed", block.GasUsed);
            RpcJson.Hash(w, "hash", hash);
            var bloom = new byte[256];
            foreach (SimulatedCallResult r in block.Calls)
                foreach (LogEntry log in r.Logs)
                {
                    LogsBloom.Add(bloom, log.Address.Bytes);
                    foreach (Hash256 topic in log.Topics) LogsBloom.Add(bloom, topic.Bytes);
                }
            RpcJson.Data(w, "logsBloom", bloom);
            RpcJson.Address(w, "miner", block.Context.Coinbase);
            w.WritePropertyName("mixHash");
            RpcJson.Word(w, block.Context.PrevRandao);
            w.WriteString("nonce", "0x0000000000000000");
            RpcJson.Quantity(w, "number", block.Context.Number);
            RpcJson.Hash(w, "parentHash", parentHash);
            RpcJson.Hash(w, "receiptsRoot", Hash256.EmptyTrie);
            RpcJson.Hash(w, "sha3Uncles", Hash256.EmptyList);
            RpcJson.Quantity(w, "size", 0UL);
            RpcJson.Hash(w, "stateRoot", Hash256.Zero);
            RpcJson.Quantity(w, "timestamp", block.Context.Timestamp);
            RpcJson.Quantity(w, "totalDifficulty", 0UL);
            RpcJson.Hash(w, "transactionsRoot", Hash256.EmptyTrie);
            w.WriteStartArray("transactions");
            for (int i = 0; i < block.Calls.Count; i++) RpcJson.Hash(w, TransactionId(hash, i));
            w.WriteEndArray();
            w.WriteStartArray("uncles");
            w.WriteEndArray();
            w.WriteStartArray("calls");
            int logIndex = 0;
            for (int i = 0; i < block.Calls.Count; i++)
            {
                SimulatedCallResult r = block.Calls[i];
                w.WriteStartObject();
                RpcJson.Data(w, "returnData", r.Output);
                w.WriteStartArray("logs");
                foreach (LogEntry log in r.Logs)
                {
                    w.WriteStartObject();
                    RpcJson.Address(w, "address", log.Address);
                    w.WriteStartArray("topics");
                    foreach (Hash256 topic in log.Topics) RpcJson.Hash(w, topic);
                    w.WriteEndArray();
                    RpcJson.Data(w, "data", log.Data);
                    RpcJson.Quantity(w, "blockNumber", block.Context.Number);
                    RpcJson.Hash(w, "blockHash", hash);
                    RpcJson.Quantity(w, "blockTimestamp", block.Context.Timestamp);
                    RpcJson.Hash(w, "transactionHash", TransactionId(hash, i));
                    RpcJson.Quantity(w, "transactionIndex", (ulong)i);
                    RpcJson.Quantity(w, "logIndex", (ulong)logIndex++);
                    w.WriteBoolean("removed", false);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                RpcJson.Quantity(w, "gasUsed", r.GasUsed);
                RpcJson.Quantity(w, "status", r.Success ? 1UL : 0UL);
                if (!r.Success)
                {
                    w.WriteStartObject("error");
                    // execution-apis: 3 for a revert (with its data), -32015 for any other VM error.
                    w.WriteNumber("code", r.Reverted ? 3 : -32015);
                    w.WriteString("message", r.Reverted ? GethErrors.Reverted(r.Output) : r.Error);
                    if (r.Reverted) RpcJson.Data(w, "data", r.Output);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            parentHash = hash;
        }
        w.WriteEndArray();
    }

    /// <summary>An identifier for a simulated block (it is never built, so it has no real hash): keccak of the parent's
    /// hash and the number.</summary>
    private static Hash256 BlockId(Hash256 parent, ulong number)
    {
        Span<byte> input = stackalloc byte[40];
        parent.Bytes.CopyTo(input);
        BinaryPrimitives.WriteUInt64BigEndian(input[32..], number);
        return Keccak.Compute(input);
    }

    private static Hash256 TransactionId(Hash256 block, int index)
    {
        Span<byte> input = stackalloc byte[36];
        block.Bytes.CopyTo(input);
        BinaryPrimitives.WriteInt32BigEndian(input[32..], index);
        return Keccak.Compute(input);
    }
}
