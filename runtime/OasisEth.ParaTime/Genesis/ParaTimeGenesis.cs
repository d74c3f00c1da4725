using OasisEth.Executor;

namespace OasisEth.ParaTime;

/// <summary>
/// The genesis the runtime binary carries: the Oasis-Eth ParaTime's chain (chain id 42261 = 0xa515, the original
/// ParaTime's production network id), the whole 21M OETH in the reward pool and no allocation (no pre-mine).
/// Every node of a committee must run the same genesis, so it is compiled in, never read from the node's disk;
/// <c>--genesis FILE|dev</c> selects another for test networks.
/// </summary>
public static class ParaTimeGenesis
{
    public static GenesisConfig Carried { get; } = Load();

    private static GenesisConfig Load()
    {
        using Stream stream = typeof(ParaTimeGenesis).Assembly.GetManifestResourceStream("paratime-genesis.json")
            ?? throw new InvalidOperationException("The carried genesis resource is missing from the build.");
        using var reader = new StreamReader(stream);
        return GenesisConfig.Parse(reader.ReadToEnd());
    }
}
