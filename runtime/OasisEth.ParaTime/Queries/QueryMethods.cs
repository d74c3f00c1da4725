using System.Formats.Cbor;
using OasisEth.Executor;
using OasisEth.Host.Cbor;
using OasisEth.Host.Dispatch;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.State.Mkvs;

namespace OasisEth.ParaTime;

/// <summary>
/// The runtime's <c>RuntimeQueryRequest</c> methods (rhp-spec §10.5): what a web3 gateway needs to answer reads
/// against a round's state, through the node's <c>RuntimeClient.Query</c>. Arguments and answers are canonical CBOR
/// maps; addresses are 20 bytes, words 32, amounts big-endian without leading zeros. docs/runtime.md has the table.
/// </summary>
internal static class QueryMethods
{
    public const string ChainInfo = "eth.ChainInfo";
    public const string Balance = "eth.Balance";
    public const string Nonce = "eth.Nonce";
    public const string Code = "eth.Code";
    public const string Storage = "eth.Storage";
    public const string Call = "eth.Call";
    public const string EstimateGas = "eth.EstimateGas";
    public const string Supply = "oeth.Supply";

    public static readonly string[] All = [ChainInfo, Balance, Nonce, Code, Storage, Call, EstimateGas, Supply];

    public static byte[] Run(string method, byte[] rawArgs, ChainState chain, GenesisConfig genesis, CallSimulator calls, CancellationToken ct)
    {
        QueryArgs args = QueryArgs.Parse(rawArgs);
        var reader = new MkvsStateReader(chain.Tree);
        BlockHeader head = chain.Head!;
        switch (method)
        {
            case ChainInfo:
                return CborOut.Encode(w =>
                {
                    w.WriteStartMap(null);
                    CborOut.U64(w, "chain_id", genesis.ChainId);
                    CborOut.U64(w, "block_number", head.Number);
                    CborOut.Hash(w, "block_hash", head.Hash);
                    CborOut.U64(w, "timestamp", head.Timestamp);
                    CborOut.U64(w, "gas_limit", head.GasLimit);
                    CborOut.Bytes(w, "base_fee", TxOutput.Quantity(head.BaseFee));
                    CborOut.Bytes(w, "next_base_fee", TxOutput.Quantity(BaseFee.ForBlock(head.Number + 1, genesis, head)));
                    CborOut.Hash(w, "state_root", head.StateRoot);
                    w.WriteEndMap();
                });
            case Balance:
                return Single(w => w.WriteByteString(TxOutput.Quantity(reader.GetBalance(args.Address("address")))));
            case Nonce:
            {
                reader.TryGetAccount(args.Address("address"), out AccountData account);
                return Single(w => w.WriteUInt64(account.Nonce));
            }
            case Code:
            {
                reader.TryGetAccount(args.Address("address"), out AccountData account);
                byte[] code = account.CodeHash == default || account.CodeHash == Hash256.EmptyCode ? [] : reader.GetCode(account.CodeHash);
                return Single(w => w.WriteByteString(code));
            }
            case Storage:
            {
                UInt256 value = reader.GetStorage(args.Address("address"), args.Word("slot"));
                var word = new byte[32];
                value.WriteBigEndian(word);
                return Single(w => w.WriteByteString(word));
            }
            case Call:
            {
                CallOutcome outcome = calls.Call(Site(head, reader, chain), Request(args), null, ct);
                return CborOut.Encode(w =>
                {
                    w.WriteStartMap(null);
                    CborOut.Bool(w, "success", outcome.Success);
                    CborOut.Bytes(w, "output", outcome.Output);
                    CborOut.U64(w, "gas_used", outcome.GasUsed);
                    CborOut.OptBool(w, "reverted", outcome.Reverted);
                    CborOut.OptText(w, "error", outcome.Error);
                    w.WriteEndMap();
                });
            }
            case EstimateGas:
            {
                EstimateOutcome outcome = calls.EstimateGas(Site(head, reader, chain), Request(args), ct);
                if (!outcome.Ok)
                    throw new RuntimeErrorException(EvmErrors.Module, outcome.RevertData.Length > 0 ? EvmErrors.Reverted : EvmErrors.Gas, outcome.Error!);
                return Single(w => w.WriteUInt64(outcome.Gas));
            }
            case Supply:
            {
                SupplyFigures s = OethLedger.ReadSupply(new InMemoryWorldState(reader));
                return CborOut.Encode(w =>
                {
                    w.WriteStartMap(null);
                    CborOut.Bytes(w, "reward_pool", TxOutput.Quantity(s.RewardPool));
                    CborOut.Bytes(w, "unclaimed", TxOutput.Quantity(s.Unclaimed));
                    CborOut.Bytes(w, "circulating", TxOutput.Quantity(s.Circulating));
                    CborOut.Bytes(w, "burned", TxOutput.Quantity(s.Burned));
                    CborOut.Bytes(w, "total", TxOutput.Quantity(OethLedger.TotalSupply));
                    w.WriteEndMap();
                });
            }
            default:
                throw new RuntimeErrorException(EvmErrors.Module, EvmErrors.Query,
                    $"unknown query method '{method}' (known: {string.Join(", ", All)})");
        }
    }

    /// <summary>A bare CBOR value as the answer (a number, a byte string).</summary>
    private static byte[] Single(Action<CborWriter> write) => CborOut.Encode(write);

    private static CallSite Site(BlockHeader head, MkvsStateReader reader, ChainState chain) =>
        CallSite.Create(head, reader, null, n => n == head.Number ? head.Hash : chain.BlockHash(n));

    private static CallRequest Request(QueryArgs a) => new()
    {
        From = a.OptionalAddress("from"),
        To = a.OptionalAddress("to"),
        Gas = a.OptionalU64("gas"),
        GasPrice = a.OptionalQuantity("gas_price"),
        MaxFeePerGas = a.OptionalQuantity("max_fee_per_gas"),
        MaxPriorityFeePerGas = a.OptionalQuantity("max_priority_fee_per_gas"),
        Value = a.OptionalQuantity("value"),
        Data = a.OptionalBytes("data"),
    };
}
