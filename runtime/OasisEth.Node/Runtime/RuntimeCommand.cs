using OasisEth.Evm.Compiler;
using OasisEth.Executor;
using OasisEth.Host.Dispatch;
using OasisEth.Node.Bundle;
using OasisEth.Node.Dev;
using OasisEth.ParaTime;

namespace OasisEth.Node.Runtime;

/// <summary>
/// <c>oasis-eth runtime</c>, and the binary started with no arguments (exactly how oasis-node launches a runtime:
/// cwd <c>/</c>, an environment of only <c>OASIS_WORKER_HOST</c>): connects to the node's socket and serves the
/// runtime host protocol until the node closes it. Everything heavy happens before connecting, since the node allows
/// 1 s from the connection to the handshake's answer.
/// </summary>
public static class RuntimeCommand
{
    /// <summary>Exit codes: 0 the node closed the connection, 1 could not start (no socket, bad genesis).</summary>
    /// <param name="tier">The EVM engine (<c>--evm-tier</c>); oasis-node starts the runtime without arguments, so the
    /// interpreter unless given.</param>
    public static int Run(string? genesisSpec, TextWriter stderr, EvmTier tier = EvmTier.Interpreter)
    {
        GenesisConfig genesis;
        try
        {
            genesis = ResolveGenesis(genesisSpec);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            RuntimeLog.Write(stderr, "ERRO", $"cannot load the genesis '{genesisSpec}': {e.Message}");
            return 1;
        }
        // Before the runtime is built: its rounds run the Ewasm engine, whose native library may be the one this
        // executable carries (the sandbox mounts nothing beside it).
        BundledWasmtime.Register();
        string? socket = Environment.GetEnvironmentVariable(RuntimeHost.SocketEnvironmentVariable);
        if (string.IsNullOrEmpty(socket))
        {
            RuntimeLog.Write(stderr, "ERRO", $"{RuntimeHost.SocketEnvironmentVariable} is not set: oasis-node starts the runtime with the path of its socket there");
            return 1;
        }
        var engines = new EvmEngines(tier);
        if (engines.Tier != engines.Requested)
            RuntimeLog.Write(stderr, "WARN", $"--evm-tier {tier}: this build cannot generate code (NativeAOT); the interpreter runs");
        var runtime = new ParaTimeRuntime(genesis, new HostStateTrees(), engines)
        {
            Log = (level, message) => RuntimeLog.Write(stderr, level, message),
        };
        try
        {
            RuntimeHost.RunAsync(runtime, socket).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            RuntimeLog.Write(stderr, "ERRO", $"cannot reach the node's socket {socket}: {e.Message}");
            return 1;
        }
        RuntimeLog.Write(stderr, "INFO", "the node closed the connection");
        return 0;
    }

    /// <summary>
    /// The dev node's genesis (<c>dev</c>: its ten accounts, chain id 31337), a file, or, with none given, the genesis
    /// the executable carries: the one <c>oasis-eth bundle</c> appended to it (read from <c>/entrypoint</c> in the
    /// sandbox, which has no /proc, else from the running executable), or the compiled-in network genesis.
    /// </summary>
    public static GenesisConfig ResolveGenesis(string? spec) => spec switch
    {
        null or "" => TryReadAppendedGenesis(out string? json) ? GenesisConfig.Parse(json!) : ParaTimeGenesis.Carried,
        "dev" => DevCommand.Genesis(DevAccounts.DefaultAddresses, 31337),
        _ => GenesisConfig.Parse(File.ReadAllText(spec)),
    };

    private static bool TryReadAppendedGenesis(out string? json)
    {
        json = null;
        foreach (string? path in new[] { GenesisTrailer.SandboxExecutablePath, Environment.ProcessPath })
        {
            if (string.IsNullOrEmpty(path) || !File.Exists(path)) continue;
            if (!GenesisTrailer.TryReadFile(path, out byte[] bytes)) continue;
            json = System.Text.Encoding.UTF8.GetString(bytes);
            return true;
        }
        return false;
    }
}
