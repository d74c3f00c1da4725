using OasisEth.Transactions;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Evm.Tests;

/// <summary>One transaction against a small in-memory state, for interpreter tests.</summary>
public sealed class EvmTestHost
{
    public static readonly Address Sender = Address.Parse("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b");
    public static readonly Address Contract = Address.Parse("0x00000000000000000000000000000000000c0de0");
    public static readonly Address Coinbase = Address.Parse("0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba");

    public InMemoryWorldState State { get; } = new();
    public Fork Fork { get; init; } = Fork.Cancun;

    public EvmTestHost()
    {
        State.SetAccount(Sender, 0, UInt256.Parse("1000000000000000000000000"), [], []);
    }

    public void Deploy(Address address, byte[] code) => State.SetAccount(address, 1, UInt256.Zero, code, []);

    public BlockContext Block(ulong gasLimit) => new()
    {
        Coinbase = Coinbase,
        Number = 1,
        Timestamp = 1000,
        GasLimit = gasLimit,
        BaseFee = UInt256.Zero,
        PrevRandao = UInt256.One,
    };

    public TransactionResult Call(Address to, byte[] data, ulong gas = 1_000_000, CancellationToken interrupt = default) =>
        Run(to, data, gas, interrupt);

    public TransactionResult Create(byte[] initCode, ulong gas = 1_000_000) => Run(null, initCode, gas, default);

    private TransactionResult Run(Address? to, byte[] data, ulong gas, CancellationToken interrupt)
    {
        var tx = new Transaction
        {
            Type = TxType.Legacy,
            Nonce = State.GetNonce(Sender),
            GasPrice = UInt256.Zero,
            GasLimit = gas,
            To = to,
            Data = data,
            Sender = Sender,
        };
        return new TransactionProcessor(Fork).Execute(State, Block(gas), tx, null, interrupt);
    }
}
