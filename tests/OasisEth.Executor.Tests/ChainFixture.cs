using OasisEth.Primitives;

namespace OasisEth.Executor.Tests;

/// <summary>A chain on a fresh temporary directory (deleted on dispose) with funded test accounts 0..N-1.</summary>
internal sealed class ChainFixture : IDisposable
{
    public const ulong ChainId = 31337;
    public static readonly UInt256 Funding = new UInt256(1000) * GenesisConfig.Oeth;

    public ChainFixture(int accounts = 8, GenesisConfig? genesis = null, ChainOptions? options = null, string? directory = null)
    {
        Directory = directory ?? NewDirectory();
        Genesis = genesis ?? DevGenesis(accounts);
        Options = options ?? new ChainOptions { SyncCommits = false };
        Chain = Chain.Open(Directory, Genesis, Options);
    }

    public string Directory { get; }
    public GenesisConfig Genesis { get; }
    public ChainOptions Options { get; }
    public Chain Chain { get; private set; }

    public static string NewDirectory() =>
        Path.Combine(Path.GetTempPath(), "oasiseth-executor-tests", Guid.NewGuid().ToString("N"));

    public static GenesisConfig DevGenesis(int accounts)
    {
        var funded = new (Address, UInt256)[accounts];
        for (int i = 0; i < accounts; i++) funded[i] = (TestAccounts.Address(i), Funding);
        return GenesisConfig.Dev(funded, ChainId);
    }

    /// <summary>Closes and reopens the chain on the same directory.</summary>
    public void Reopen(GenesisConfig? genesis = null)
    {
        Chain.Dispose();
        Chain = Chain.Open(Directory, genesis ?? Genesis, Options);
    }

    /// <summary>Executes the next round with the given transactions (timestamp = number × 6, no committee).</summary>
    public RoundResult Round(params byte[][] transactions)
    {
        ulong number = Chain.Head.Number + 1;
        return Chain.ExecuteRound(new RoundInput(number, number * 6, transactions, []));
    }

    public void Dispose()
    {
        Chain.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
