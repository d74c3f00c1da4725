using OasisEth.Evm;
using OasisEth.Ewasm.Execution;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.Transactions;

namespace OasisEth.Ewasm.Tests;

/// <summary>Transactions against a small in-memory state with the Ewasm engine beside the EVM, as a chain runs them.</summary>
public sealed class EwasmTestChain
{
    public static readonly Address Sender = Address.Parse("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b");
    public static readonly Address Coinbase = Address.Parse("0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba");

    private readonly TransactionProcessor _processor;

    public EwasmTestChain(MeteringMode mode = MeteringMode.Reference, Fork fork = Fork.Cancun)
    {
        Fork = fork;
        _processor = new TransactionProcessor(fork, null, new EwasmExecutionEngine(mode));
        State.SetAccount(Sender, 0, UInt256.Parse("1000000000000000000000000"), [], []);
    }

    public InMemoryWorldState State { get; } = new();

    public Fork Fork { get; }

    public Address Deploy(byte[] code, ulong nonce = 1, UInt256 balance = default)
    {
        var address = Address.FromHash(Keccak.Compute(code));
        State.SetAccount(address, nonce, balance, code, []);
        return address;
    }

    public Address Deploy(Address address, byte[] code)
    {
        State.SetAccount(address, 1, UInt256.Zero, code, []);
        return address;
    }

    public UInt256 Storage(Address account, ulong key) => State.GetStorage(account, new UInt256(key));

    public TransactionResult Call(Address to, byte[]? data = null, ulong gas = 1_000_000, UInt256 value = default) =>
        Run(to, data ?? [], gas, value);

    public TransactionResult Create(byte[] initCode, ulong gas = 1_000_000, UInt256 value = default) => Run(null, initCode, gas, value);

    private TransactionResult Run(Address? to, byte[] data, ulong gas, UInt256 value)
    {
        var tx = new Transaction
        {
            Type = TxType.Legacy,
            Nonce = State.GetNonce(Sender),
            GasPrice = UInt256.Zero,
            GasLimit = gas,
            To = to,
            Value = value,
            Data = data,
            Sender = Sender,
        };
        var block = new BlockContext
        {
            Coinbase = Coinbase,
            Number = 10,
            Timestamp = 1000,
            GasLimit = Math.Max(gas, 30_000_000),
            BaseFee = UInt256.Zero,
            PrevRandao = UInt256.One,
            BlockHash = n => Keccak.Compute(BitConverter.GetBytes(n)),
        };
        return _processor.Execute(State, block, tx);
    }
}
