using OasisEth.Evm;
using OasisEth.Primitives;

namespace OasisEth.Tests.Shared;

/// <summary>
/// One random transaction for the differential tests, deterministic per seed: a fork, a random main program (called,
/// or run as init code), a random second contract it may call, a third that stores and returns, random call data, a
/// gas limit that is often too small, and sometimes a value.
/// </summary>
internal sealed class RandomTransaction
{
    private static readonly Fork[] Forks =
        [
            Fork.Frontier, Fork.Homestead, Fork.Byzantium, Fork.Istanbul, Fork.Berlin, Fork.London, Fork.Shanghai,
            Fork.Cancun, Fork.Cancun, Fork.Cancun, Fork.Prague, Fork.Prague, Fork.Prague,
        ];

    private readonly byte[] _main, _second, _third, _data;

    /// <param name="mainPieces">The main program's size in pieces (4 to 60 at random unless given).</param>
    public RandomTransaction(int seed, bool create, int? mainPieces = null)
    {
        var random = new Random(seed);
        Fork = Forks[random.Next(Forks.Length)];
        int pieces = random.Next(4, 60);
        _main = RandomProgram.Generate(seed, mainPieces ?? pieces);
        _second = RandomProgram.Generate(seed ^ 0x5a5a5a, random.Next(2, 20));
        _third = new Bytecode().Push(7).Push(0).Op(Opcode.SSTORE).Push(32).Push(0).Op(Opcode.RETURN).Build();
        _data = new byte[random.Next(0, 70)];
        random.NextBytes(_data);
        Gas = 21_000 + (ulong)(random.Next(4) == 0 ? random.Next(3_000) : random.Next(400_000));
        if (create) Gas += 32_000 + 16UL * (ulong)_main.Length;
        Value = random.Next(3) == 0 ? (ulong)random.Next(1000) : 0;
        Create = create;
    }

    public Fork Fork { get; }
    public ulong Gas { get; }
    public ulong Value { get; }
    public bool Create { get; }
    public Address? To => Create ? null : EvmTestHost.Contract;
    public byte[] Input => Create ? _main : _data;

    public void Deploy(EvmTestHost host)
    {
        host.Deploy(EvmTestHost.Contract, _main, new UInt256(5000), (1, 1), (2, 0x1234));
        host.Deploy(EvmTestHost.A, _second, new UInt256(10), (3, 3));
        host.Deploy(EvmTestHost.B, _third);
    }
}
