using OasisEth.Evm;
using OasisEth.Evm.Tracing;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.Transactions;

namespace OasisEth.Tests.Shared;

/// <summary>
/// The test host of every test project that runs code: a small in-memory state with a funded sender, contracts
/// deployed by address, and one transaction at a time through the real <see cref="TransactionProcessor"/> (legacy,
/// gas price 0), traced or not.
/// </summary>
internal class EvmTestHost
{
    public static readonly Address Sender = Address.Parse("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b");
    public static readonly Address Coinbase = Address.Parse("0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba");
    public static readonly Address Contract = Address.Parse("0x00000000000000000000000000000000000c0de0");
    public static readonly Address A = Address.Parse("0x00000000000000000000000000000000000a0001");
    public static readonly Address B = Address.Parse("0x00000000000000000000000000000000000b0001");
    public static readonly Address C = Address.Parse("0x00000000000000000000000000000000000c0001");

    public InMemoryWorldState State { get; } = new();
    public Fork Fork { get; init; } = Fork.Cancun;

    /// <summary>The block's gas limit; null: the transaction's own.</summary>
    public ulong? BlockGasLimit { get; init; }

    public EvmTestHost() => State.SetAccount(Sender, 0, UInt256.Parse("1000000000000000000000000"), [], []);

    /// <summary>A contract account (nonce 1) with code, balance and storage slots.</summary>
    public void Deploy(Address address, byte[] code, UInt256 balance = default, params (ulong Slot, ulong Value)[] storage)
    {
        var slots = new Dictionary<UInt256, UInt256>();
        foreach (var (slot, value) in storage) slots[slot] = value;
        State.SetAccount(address, 1, balance, code, slots);
    }

    public BlockContext Block(ulong gasLimit) => new()
    {
        Coinbase = Coinbase,
        Number = 1,
        Timestamp = 1000,
        GasLimit = BlockGasLimit ?? gasLimit,
        BaseFee = UInt256.Zero,
        PrevRandao = UInt256.One,
    };

    public TransactionResult Call(Address to, byte[] data, ulong gas = 1_000_000, CancellationToken interrupt = default) =>
        Run(null, to, data, gas, 0, interrupt);

    public TransactionResult Create(byte[] initCode, ulong gas = 1_000_000) => Run(null, null, initCode, gas);

    /// <summary>One transaction from <see cref="Sender"/>; <paramref name="to"/> null creates.</summary>
    public TransactionResult Run(ITxTracer? tracer, Address? to, byte[]? data = null, ulong gas = 100_000, ulong value = 0,
        CancellationToken interrupt = default)
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
        return new TransactionProcessor(Fork).Execute(State, Block(gas), tx, tracer, interrupt);
    }
}
