using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OasisEth.Evm;
using OasisEth.Evm.Tracing;
using OasisEth.Transactions;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Tracing.Tests;

/// <summary>One traced transaction against a small in-memory state (Cancun, gas price 0).</summary>
public sealed class TraceHost
{
    public static readonly Address Sender = Address.Parse("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b");
    public static readonly Address Coinbase = Address.Parse("0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba");
    public static readonly Address A = Address.Parse("0x00000000000000000000000000000000000a0001");
    public static readonly Address B = Address.Parse("0x00000000000000000000000000000000000b0001");
    public static readonly Address C = Address.Parse("0x00000000000000000000000000000000000c0001");

    public InMemoryWorldState State { get; } = new();
    public Fork Fork { get; init; } = Fork.Cancun;
    public ulong BlockGasLimit { get; init; } = 30_000_000;

    public TraceHost() => State.SetAccount(Sender, 0, UInt256.Parse("1000000000000000000000000"), [], []);

    public void Deploy(Address address, byte[] code, UInt256 balance = default, params (ulong Slot, ulong Value)[] storage)
    {
        var slots = new Dictionary<UInt256, UInt256>();
        foreach (var (slot, value) in storage) slots[slot] = value;
        State.SetAccount(address, 1, balance, code, slots);
    }

    public TransactionResult Run(ITxTracer? tracer, Address? to, byte[]? data = null, ulong gas = 100_000, ulong value = 0)
    {
        var tx = new Transaction
        {
            Type = TxType.Legacy,
            Nonce = State.GetNonce(Sender),
            GasPrice = UInt256.Zero,
            GasLimit = gas,
            To = to,
            Value = new UInt256(value),
            Data = data ?? [],
            Sender = Sender,
        };
        var block = new BlockContext
        {
            Coinbase = Coinbase,
            Number = 1,
            Timestamp = 1000,
            GasLimit = BlockGasLimit,
            BaseFee = UInt256.Zero,
            PrevRandao = UInt256.One,
        };
        var processor = new TransactionProcessor(Fork);
        return tracer is null ? processor.Execute(State, block, tx) : TracedExecution.Execute(processor, State, block, tx, tracer);
    }

    /// <summary>Runs the transaction with <paramref name="tracer"/> and returns its result JSON.</summary>
    public string Trace(IJsonTracer tracer, Address? to, byte[]? data = null, ulong gas = 100_000, ulong value = 0)
    {
        var result = Run(tracer, to, data, gas, value);
        Assert.That(result.IsInvalid, Is.False, result.InvalidReason);
        return Json(tracer);
    }

    public static string Json(IJsonTracer tracer)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) tracer.WriteResult(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Compact, field order kept, escapes normalised: so two JSON texts compare equal when their values and orders are.</summary>
    public static string Normalize(string json) => JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static void AssertJson(string actual, string expected) => Assert.That(Normalize(actual), Is.EqualTo(Normalize(expected)));

    public static string Word(ulong value) => "0x" + value.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);

    public static string Hex(byte[] bytes) => "0x" + Convert.ToHexStringLower(bytes);
}
