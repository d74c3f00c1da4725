namespace OasisEth.Node.Dev;

/// <summary>The options of <c>oasis-eth dev</c>, parsed and checked (see <see cref="DevCommandLine"/>).</summary>
public sealed record DevOptions
{
    /// <summary>Relative to the current directory unless absolute.</summary>
    public const string DefaultDataDirectory = ".oasis-eth/dev";
    public const ulong DefaultChainId = 31337;
    public const string DefaultHttpAddress = "127.0.0.1";
    public const int DefaultHttpPort = 8545;

    /// <summary>Absolute path of the RocksDB data directory.</summary>
    public required string DataDirectory { get; init; }
    /// <summary>Delete <see cref="DataDirectory"/> before starting (a fresh chain).</summary>
    public bool Reset { get; init; }
    public ulong ChainId { get; init; } = DefaultChainId;
    public string HttpAddress { get; init; } = DefaultHttpAddress;
    /// <summary>0 = a free port picked by the system; the actual URL is printed.</summary>
    public int HttpPort { get; init; } = DefaultHttpPort;
    /// <summary>null = automine (a round as soon as a transaction arrives); else a round every N seconds.</summary>
    public ulong? BlockTimeSeconds { get; init; }
    /// <summary>Roll the chain back to this block before serving (recovers a chain an older version wedged).</summary>
    public ulong? RollbackTo { get; init; }
    /// <summary>--http.vhosts entries; null = the node's default (localhost).</summary>
    public IReadOnlyList<string>? VirtualHosts { get; init; }
    /// <summary>--dump-state / --state: where the state is written on exit (null: not written).</summary>
    public string? DumpStatePath { get; init; }
    /// <summary>--load-state / --state: a state dump loaded at start (null: none).</summary>
    public string? LoadStatePath { get; init; }
    /// <summary>--state: a missing <see cref="LoadStatePath"/> is not an error (the first run creates it).</summary>
    public bool LoadStateIfExists { get; init; }
    /// <summary>--http.corsdomain entries; null = the node's default (pages on this machine).</summary>
    public IReadOnlyList<string>? CorsOrigins { get; init; }

    /// <summary>The genesis block gas limit (--gas-limit; anvil's default 30M when null). Part of the genesis: a chain
    /// created with one limit is resumed only with the same.</summary>
    public ulong? GasLimit { get; init; }

    /// <summary>--disable-block-gas-limit (anvil's): the block gas limit is <see cref="OasisEth.Executor.GenesisConfig.MaxGasLimit"/>
    /// (2^63 - 1, so no transaction is refused for its gas) and the RPC gas cap is unlimited unless --rpc.gascap is given.</summary>
    public bool DisableBlockGasLimit { get; init; }

    /// <summary>--rpc.gascap (geth's): the most gas eth_call and friends run with; 0 = unlimited; null = the default
    /// (50M, or unlimited with <see cref="DisableBlockGasLimit"/>).</summary>
    public ulong? RpcGasCap { get; init; }

    /// <summary>--fork-url / --fork-block-number: the node to fork when the data directory is new (null: none).</summary>
    public OasisEth.Executor.ForkConfig? Fork { get; init; }

    /// <summary>--sync-commits: fsync every block before its receipts are served, so a block survives a power cut
    /// too. Off by default: a process kill (SIGKILL, a crash) loses nothing reported either way; without the flag a
    /// power cut or kernel crash may lose the last blocks (never half a block).</summary>
    public bool SyncCommits { get; init; }

    /// <summary>--evm-tier: which engine runs EVM bytecode; results do not depend on it.</summary>
    public OasisEth.Evm.Compiler.EvmTier EvmTier { get; init; } = OasisEth.Evm.Compiler.EvmTier.Interpreter;

    /// <summary>The genesis block gas limit these options give.</summary>
    public ulong BlockGasLimit => DisableBlockGasLimit ? OasisEth.Executor.GenesisConfig.MaxGasLimit : GasLimit ?? DefaultGasLimit;

    /// <summary>The RPC gas cap these options give (0 = unlimited).</summary>
    public ulong CallGasCap => RpcGasCap ?? (DisableBlockGasLimit ? 0 : OasisEth.Rpc.RpcLimits.DefaultCallGasCap);

    /// <summary>anvil's and the dev genesis's default block gas limit.</summary>
    public const ulong DefaultGasLimit = 30_000_000;
}
