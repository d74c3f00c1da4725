using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using OasisEth.Rpc;

namespace OasisEth.Node.Dev;

/// <summary>
/// The <c>dev</c> command's options (System.CommandLine) and their checks. Kept apart from running the node so
/// the parsing can be tested without starting anything.
/// </summary>
public sealed class DevCommandLine
{
    public Option<string?> DataDir { get; } = new("--datadir")
    {
        Description = $"Data directory (RocksDB) of the dev chain; default ./{DevOptions.DefaultDataDirectory} under the current directory. A restart on the same directory continues the chain.",
    };

    public Option<bool> Reset { get; } = new("--reset")
    {
        Description = "Delete the data directory first and start a new chain from genesis",
    };

    public Option<ulong> ChainId { get; } = new("--chain-id")
    {
        Description = "EIP-155 chain id of a new chain",
        DefaultValueFactory = _ => DevOptions.DefaultChainId,
    };

    public Option<string> HttpAddress { get; } = new("--http.addr")
    {
        Description = "Address the JSON-RPC server (HTTP and WebSocket) listens on",
        DefaultValueFactory = _ => DevOptions.DefaultHttpAddress,
    };

    public Option<int> HttpPort { get; } = new("--http.port")
    {
        Description = "JSON-RPC port; 0 picks a free port (the actual URL is printed as \"Listening on http://...\")",
        DefaultValueFactory = _ => DevOptions.DefaultHttpPort,
    };

    public Option<ulong?> BlockTime { get; } = new("--block-time")
    {
        Description = "Seal a block every N seconds instead of one per transaction (automine)",
    };

    public Option<string?> VirtualHosts { get; } = new("--http.vhosts")
    {
        Description = "Comma-separated host names the server answers (Host header; guards against DNS rebinding); IP addresses always pass; * = any. Default: localhost",
    };

    public Option<string?> CorsOrigins { get; } = new("--http.corsdomain", "--allow-origin")
    {
        Description = "Comma-separated browser origins allowed (CORS and WebSocket), e.g. https://remix.ethereum.org; http://host:* = any port; * = any page. Default: http://localhost:*,http://127.0.0.1:*,http://[::1]:*",
    };

    public Option<ulong?> RollbackTo { get; } = new("--rollback-to")
    {
        Description = "Before serving, drop every block after block N (its state must be among the last 128 kept); recovers a chain whose head an older version stamped with an unusable timestamp",
    };

    public Option<ulong?> GasLimit { get; } = new("--gas-limit")
    {
        Description = $"Block gas limit of a new chain (default {DevOptions.DefaultGasLimit}); part of its genesis, so a restart on the same directory needs the same value",
    };

    public Option<bool> DisableBlockGasLimit { get; } = new("--disable-block-gas-limit")
    {
        Description = "No block gas limit (as anvil's flag: the limit is 2^63 - 1, so transactions and calls of any gas run) and no RPC gas cap unless --rpc.gascap is given",
    };

    public Option<bool> SyncCommits { get; } = new("--sync-commits")
    {
        Description = "fsync every block before its receipts are served, so blocks survive a power cut too (a killed process loses nothing reported either way); slower automine",
    };

    public Option<ulong?> RpcGasCap { get; } = new("--rpc.gascap")
    {
        Description = $"Most gas eth_call, eth_estimateGas, eth_createAccessList and debug_traceCall run with (0 = unlimited; default {Rpc.RpcLimits.DefaultCallGasCap}, unlimited with --disable-block-gas-limit)",
    };

    public Option<string?> DumpState { get; } = new("--dump-state")
    {
        Description = "On exit, write the state (accounts with nonce, balance, code and storage, in anvil's dump JSON) to FILE (a directory: FILE/state.json)",
    };

    public Option<string?> LoadState { get; } = new("--load-state")
    {
        Description = "At start, load a state dump (ours or anvil's --dump-state / anvil_dumpState JSON, plain or gzip'd) as dev state edits",
    };

    public Option<string?> State { get; } = new("--state")
    {
        Description = "--load-state FILE if it exists, and --dump-state FILE on exit",
    };

    public Option<string?> ForkUrl { get; } = new("--fork-url", "-f")
    {
        Description = "Fork another node's chain (JSON-RPC URL, http or https): its accounts, code and storage at the fork block are read on first use, batched, and cached in the data directory; new blocks are local",
    };

    public Option<ulong?> ForkBlockNumber { get; } = new("--fork-block-number")
    {
        Description = "The block to fork (default: the remote's latest when the fork is made; a restart keeps the block)",
    };

    public Option<OasisEth.Evm.Compiler.EvmTier> EvmTier { get; } = EvmTierOption.Create();

    public DevCommandLine()
    {
        // Numbers are parsed here rather than by the default converter so a bad value gets one clear message and
        // the range check never sees an unconverted token.
        ChainId.CustomParser = r => ParseNumber(r, "--chain-id", 1, ulong.MaxValue) ?? 0;
        HttpPort.CustomParser = r => (int)(ParseNumber(r, "--http.port", 0, 65535) ?? 0);
        BlockTime.CustomParser = r => ParseNumber(r, "--block-time", 1, DevNodeOptions.MaxBlockTimeSeconds);
        RollbackTo.CustomParser = r => ParseNumber(r, "--rollback-to", 0, ulong.MaxValue);
        GasLimit.CustomParser = r => ParseNumber(r, "--gas-limit", Executor.GenesisConfig.MinGasLimit, Executor.GenesisConfig.MaxGasLimit);
        RpcGasCap.CustomParser = r => ParseNumber(r, "--rpc.gascap", 0, ulong.MaxValue);
        ForkBlockNumber.CustomParser = r => ParseNumber(r, "--fork-block-number", 0, ulong.MaxValue);
        ForkUrl.Validators.Add(r =>
        {
            string? url = r.GetValueOrDefault<string?>();
            if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out Uri? parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)))
                r.AddError($"--fork-url must be an http:// or https:// URL (got \"{url}\").");
        });
        ForkBlockNumber.Validators.Add(r =>
        {
            if (r.Parent?.GetResult(ForkUrl) is null)
                r.AddError("--fork-block-number needs --fork-url.");
        });
        DisableBlockGasLimit.Validators.Add(r =>
        {
            // anvil refuses the pair too: one says which limit, the other that there is none.
            if (r.GetValueOrDefault<bool>() && r.Parent?.GetResult(GasLimit) is { Implicit: false })
                r.AddError("--disable-block-gas-limit and --gas-limit cannot be used together.");
        });
        HttpAddress.Validators.Add(r =>
        {
            string? address = r.GetValueOrDefault<string>();
            if (!IPAddress.TryParse(address, out _) && address != "localhost")
                r.AddError($"--http.addr must be an IP address or localhost (got \"{address}\").");
        });
        DataDir.Validators.Add(r =>
        {
            string? dir = r.GetValueOrDefault<string?>();
            if (dir is not null && dir.Trim().Length == 0)
                r.AddError("--datadir must not be empty.");
        });
    }

    private static ulong? ParseNumber(ArgumentResult result, string name, ulong min, ulong max)
    {
        if (result.Tokens.Count != 1)
        {
            result.AddError($"{name} takes one value.");
            return null;
        }
        string text = result.Tokens[0].Value;
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value) || value < min || value > max)
        {
            result.AddError($"{name} must be a whole number from {min} to {max} (got \"{text}\").");
            return null;
        }
        return value;
    }

    /// <summary>As anvil: a directory stands for the file state.json in it.</summary>
    private static string StatePath(string path) => Directory.Exists(path) ? Path.Combine(path, "state.json") : path;

    /// <summary>A comma-separated option's entries; null when not given (the node's default applies).</summary>
    private static string[]? List(string? value) =>
        value is null ? null : value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(DataDir);
        command.Options.Add(Reset);
        command.Options.Add(ChainId);
        command.Options.Add(HttpAddress);
        command.Options.Add(HttpPort);
        command.Options.Add(BlockTime);
        command.Options.Add(RollbackTo);
        command.Options.Add(VirtualHosts);
        command.Options.Add(CorsOrigins);
        command.Options.Add(GasLimit);
        command.Options.Add(DisableBlockGasLimit);
        command.Options.Add(RpcGasCap);
        command.Options.Add(SyncCommits);
        command.Options.Add(DumpState);
        command.Options.Add(LoadState);
        command.Options.Add(State);
        command.Options.Add(ForkUrl);
        command.Options.Add(ForkBlockNumber);
        command.Options.Add(EvmTier);
    }

    /// <summary>The checked options of a successful parse; relative paths are resolved against
    /// <paramref name="currentDirectory"/>.</summary>
    public DevOptions Read(ParseResult parse, string currentDirectory)
    {
        string dataDir = parse.GetValue(DataDir) ?? DevOptions.DefaultDataDirectory;
        string? state = parse.GetValue(State);
        string? dump = parse.GetValue(DumpState) ?? state;
        string? load = parse.GetValue(LoadState) ?? state;
        return new DevOptions
        {
            DumpStatePath = dump is null ? null : StatePath(Path.GetFullPath(dump, currentDirectory)),
            LoadStatePath = load is null ? null : StatePath(Path.GetFullPath(load, currentDirectory)),
            LoadStateIfExists = parse.GetValue(LoadState) is null && state is not null,
            DataDirectory = Path.GetFullPath(dataDir, currentDirectory),
            Reset = parse.GetValue(Reset),
            ChainId = parse.GetValue(ChainId),
            HttpAddress = parse.GetValue(HttpAddress)!,
            HttpPort = parse.GetValue(HttpPort),
            BlockTimeSeconds = parse.GetValue(BlockTime),
            RollbackTo = parse.GetValue(RollbackTo),
            VirtualHosts = List(parse.GetValue(VirtualHosts)),
            CorsOrigins = List(parse.GetValue(CorsOrigins)),
            GasLimit = parse.GetValue(GasLimit),
            DisableBlockGasLimit = parse.GetValue(DisableBlockGasLimit),
            RpcGasCap = parse.GetValue(RpcGasCap),
            Fork = parse.GetValue(ForkUrl) is { } url ? new Executor.ForkConfig(new Uri(url), parse.GetValue(ForkBlockNumber)) : null,
            SyncCommits = parse.GetValue(SyncCommits),
            EvmTier = parse.GetValue(EvmTier),
        };
    }
}
