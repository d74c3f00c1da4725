using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using OasisEth.Executor;
using OasisEth.Primitives;
using OasisEth.Rpc;

namespace OasisEth.Node.Dev;

/// <summary>
/// Runs <c>oasis-eth dev</c>: opens (or creates) the dev chain in the data directory, starts the JSON-RPC server and
/// the round driver, prints the accounts, and on Ctrl-C / SIGTERM finishes the round in progress, stops the server
/// and closes RocksDB. A restart on the same directory continues the chain.
/// </summary>
public static class DevCommand
{
    /// <summary>Each dev account's genesis balance.</summary>
    public static readonly UInt256 DevAccountBalance = new UInt256(10_000) * GenesisConfig.Oeth;

    /// <summary>The dev genesis: the ten dev accounts funded from the OETH pool.</summary>
    public static GenesisConfig Genesis(IReadOnlyList<DevAccount> accounts, ulong chainId, ulong gasLimit = DevOptions.DefaultGasLimit)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var addresses = new Address[accounts.Count];
        for (int i = 0; i < addresses.Length; i++) addresses[i] = accounts[i].Address;
        return Genesis(addresses, chainId, gasLimit);
    }

    /// <summary>The dev genesis for these addresses (each funded with <see cref="DevAccountBalance"/>), with the
    /// block gas limit <paramref name="gasLimit"/>.</summary>
    public static GenesisConfig Genesis(IReadOnlyList<Address> addresses, ulong chainId, ulong gasLimit = DevOptions.DefaultGasLimit)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var prefunded = new (Address, UInt256)[addresses.Count];
        for (int i = 0; i < prefunded.Length; i++) prefunded[i] = (addresses[i], DevAccountBalance);
        GenesisConfig genesis = GenesisConfig.Dev(prefunded, chainId);
        if (gasLimit == genesis.GasLimit) return genesis;
        genesis = genesis with { GasLimit = gasLimit };
        genesis.Validate();
        return genesis;
    }

    /// <summary>
    /// The dev chain's store sizes: a dev chain holds little state, and the node's defaults (64 MiB node cache, 128 MiB
    /// block cache, 64 MiB memtables) are a production node's. With these the dev node's peak resident memory under
    /// 10,000 transfers fell from ~195 MiB toward anvil's ~80 MiB (bench/compare). 16 MiB each was still ~20 MiB more
    /// at the peak than these (the write-through node cache and the memtables filled up under the load) for no gain in
    /// throughput: the recent nodes a round touches fit in 4 MiB, and a larger round than a memtable holds is still one
    /// atomic write batch (RocksDB flushes after it). 1 MiB memtables (the other families get the 1 MiB floor too)
    /// instead of 4: the memtables' malloc arena at the load's end went from 12.4 to 9.4 MiB. Nothing here changes a
    /// result. Commits are not fsynced unless --sync-commits asks for it:
    /// the write-ahead log record of a round reaches the kernel before its receipts are served, so a killed process
    /// loses nothing it reported; the fsync (about 5 ms of the ~8 ms a small automined block took under the load test)
    /// only protects against a power cut or a kernel crash, which may then lose the last blocks, never tear one.
    /// </summary>
    public static readonly ChainOptions ChainOptions = new()
    {
        NodeCacheBytes = 4L << 20,
        BlockCacheBytes = 8L << 20,
        WriteBufferBytes = 1L << 20,
        SyncCommits = false,
    };
    /// <summary>Opens the dev chain; a directory made before dev chains ran Ewasm (its genesis is this one with Ewasm
    /// off) keeps running as it was made, since turning Ewasm on would change what its contracts' code means.</summary>
    private static Chain OpenChain(string dataDirectory, GenesisConfig genesis, ForkConfig? fork, ChainOptions chainOptions)
    {
        try
        {
            return Chain.Open(dataDirectory, genesis, chainOptions, fork);
        }
        catch (ChainOpenException e) when (genesis.Ewasm && e.Message.Contains("different genesis", StringComparison.Ordinal))
        {
            Chain? made = TryOpen(dataDirectory, genesis with { Ewasm = false }, fork, chainOptions);
            if (made is null) throw;
            return made;
        }
    }

    private static Chain? TryOpen(string dataDirectory, GenesisConfig genesis, ForkConfig? fork, ChainOptions chainOptions)
    {
        try
        {
            return Chain.Open(dataDirectory, genesis, chainOptions, fork);
        }
        catch (ChainOpenException)
        {
            return null;
        }
    }

    /// <summary>--load-state / --state at start: the dump's accounts become dev state edits (the next block holds
    /// them). False (exit 1) when the file is missing (except for --state) or not a dump.</summary>
    private static bool LoadState(Chain chain, DevOptions options, TextWriter stdout, TextWriter stderr)
    {
        if (options.LoadStatePath is not { } path) return true;
        if (!File.Exists(path))
        {
            if (options.LoadStateIfExists) return true;
            stderr.WriteLine($"oasis-eth dev: --load-state: no such file '{path}'");
            return false;
        }
        try
        {
            int loaded = ((IDevChain)chain).LoadAccounts(StateDump.ParseAccounts(File.ReadAllBytes(path)));
            stdout.WriteLine($"State:             loaded {loaded} accounts from {path} (in the next block)");
            return true;
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"oasis-eth dev: cannot load the state dump '{path}': {e.Message}");
            return false;
        }
    }

    /// <summary>The head's state with the pending edits as JSON (StateDump), written to a temporary file first so an
    /// interrupted write never leaves half a dump where the last one was.</summary>
    public static void DumpState(Chain chain, string path)
    {
        ArgumentNullException.ThrowIfNull(chain);
        byte[] json = StateDump.ToJson(chain.Head, ((IDevChain)chain).DumpAccounts());
        string temporary = path + ".tmp";
        File.WriteAllBytes(temporary, json);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Exit codes: 0 clean shutdown, 1 could not start (directory, port, genesis mismatch).</summary>
    public static async Task<int> RunAsync(DevOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        // The directory is locked before anything in it is read or deleted, and stays locked until the chain is
        // closed: --reset on a directory another node runs on is refused instead of deleting its chain.
        DataDirectoryLock? held;
        try
        {
            held = DataDirectoryLock.TryAcquire(options.DataDirectory, out string? refusal);
            if (held is null)
            {
                stderr.WriteLine($"oasis-eth dev: {refusal}");
                return 1;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"oasis-eth dev: cannot use the data directory '{options.DataDirectory}': {e.Message}");
            return 1;
        }
        using DataDirectoryLock directoryLock = held;
        if (options.Reset)
        {
            if (!directoryLock.DeleteChain(out string deleted, out string? error))
            {
                stderr.WriteLine($"oasis-eth dev: --reset could not delete '{deleted}': {error}");
                return 1;
            }
            stdout.WriteLine($"Reset: deleted {deleted}");
        }

        // The dev node runs outside any sandbox and already loads RocksDB natively: the native secp256k1 and
        // SHA-256 are about 4-5x faster for sender recovery (the runtime keeps the managed default).
        NativeCrypto.Enable();
        StartupTrace.Mark("options parsed, directory locked, native crypto");

        IReadOnlyList<DevAccount> accounts = DevAccounts.Derive();
        DevEntity entity = DevEntity.Default;
        GenesisConfig genesis = Genesis(accounts, options.ChainId, options.BlockGasLimit);
        StartupTrace.Mark("dev accounts derived, genesis built");

        // Ctrl-C and SIGTERM both ask for a clean stop; the handlers cancel the default "terminate now" so the
        // round in progress is finished and RocksDB is closed before the process exits.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        Chain chain;
        try
        {
            chain = OpenChain(options.DataDirectory, genesis, options.Fork, ChainOptions with { SyncCommits = options.SyncCommits, EvmTier = options.EvmTier });
            StartupTrace.Mark("chain opened");
        }
        catch (ChainOpenException e)
        {
            stderr.WriteLine($"oasis-eth dev: {e.Message}");
            if (e.Message.Contains("different genesis", StringComparison.Ordinal))
                stderr.WriteLine("oasis-eth dev: (was it created with another --chain-id, --gas-limit or --disable-block-gas-limit? use the same, another --datadir, or --reset)");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The directory cannot be created or written (permissions, a file in the way, read-only disk).
            stderr.WriteLine($"oasis-eth dev: cannot use the data directory '{options.DataDirectory}': {e.Message}");
            return 1;
        }

        try
        {
            var inv = CultureInfo.InvariantCulture;
            if (!ChainRecovery.Apply(chain, options.RollbackTo, stdout, stderr))
                return 1;
            DevBanner.Write(stdout, options, accounts, entity);
            if (!LoadState(chain, options, stdout, stderr)) return 1;
            if (chain.ForkPoint is { } fork)
                stdout.WriteLine(string.Create(inv, $"Fork:              {fork.Url} at block {fork.Number} ({fork.Hash})"));
            ulong firstBlock = chain.ForkPoint?.Number ?? 0;
            stdout.WriteLine(chain.Head.Number != firstBlock
                ? string.Create(inv, $"Chain:             resumed at block {chain.Head.Number} ({chain.Head.Hash})")
                : chain.ForkPoint is null ? "Chain:             new (genesis block 0)"
                : string.Create(inv, $"Chain:             new fork (first block {firstBlock}, the remote's)"));

            StartupTrace.Mark("banner written");
            var syncOut = TextWriter.Synchronized(stdout);
            var keys = new byte[accounts.Count][];
            var addresses = new Address[accounts.Count];
            for (int i = 0; i < keys.Length; i++) (keys[i], addresses[i]) = (accounts[i].PrivateKey, accounts[i].Address);
            DevNode node;
            try
            {
                node = await DevNode.StartAsync(chain, new DevNodeOptions
                {
                    HttpAddress = options.HttpAddress,
                    // Not on a fork: the warm-up's reads of unknown accounts would go to the fork's remote node.
                    Warmup = chain.ForkPoint is null,
                    HttpPort = options.HttpPort,
                    BlockTimeSeconds = options.BlockTimeSeconds,
                    VirtualHosts = options.VirtualHosts,
                    CorsOrigins = options.CorsOrigins,
                    DevPrivateKeys = keys,
                    DevAddresses = addresses,
                    DevEntityPublicKey = entity.PublicKey,
                    Limits = new RpcLimits { CallGasCap = options.CallGasCap },
                    Log = syncOut.WriteLine,
                }, stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException || e.InnerException is SocketException)
            {
                stderr.WriteLine($"oasis-eth dev: cannot listen on {options.HttpAddress}:{options.HttpPort.ToString(inv)}: {e.Message}");
                return 1;
            }
            catch (OperationCanceledException)
            {
                return 0;
            }

            StartupTrace.Mark("JSON-RPC server listening");
            string url = node.HttpUrl.GetLeftPart(UriPartial.Authority);
            // Parseable by scripts and tests: the actual URL (with the port picked when --http.port 0).
            syncOut.WriteLine($"Listening on {url}");
            syncOut.WriteLine($"WebSocket on {node.WebSocketUrl.GetLeftPart(UriPartial.Authority)}");
            syncOut.Flush();

            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Asked to stop.
            }

            syncOut.WriteLine("Shutting down: finishing the round in progress...");
            await node.StopAsync();
            if (options.DumpStatePath is { } dumpPath)
            {
                try
                {
                    DumpState(chain, dumpPath);
                    syncOut.WriteLine($"State dumped to {dumpPath}");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    stderr.WriteLine($"oasis-eth dev: cannot write the state dump '{dumpPath}': {e.Message}");
                    syncOut.Flush();
                    return 1;
                }
            }
            syncOut.WriteLine(string.Create(inv, $"Stopped at block {chain.Head.Number}."));
            syncOut.Flush();
            return 0;
        }
        finally
        {
            chain.Dispose();
        }
    }
}
