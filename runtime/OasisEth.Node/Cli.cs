using System.CommandLine;
using OasisEth.Primitives;
using OasisEth.Node.Bundle;
using OasisEth.Node.Dev;
using OasisEth.Node.Runtime;
using OasisEth.StateTest;
using OasisEth.TxTest;

namespace OasisEth.Node;

/// <summary>The oasis-eth command line: only wiring; each command's work lives in its own project.</summary>
public static class Cli
{
    public static int Run(string[] args)
    {
        StartupTrace.Mark("main");
        var path = new Argument<string>("path") { Description = "A state-test fixture file, or a directory searched recursively for *.json" };
        var fork = new Option<string?>("--fork") { Description = "Run only this fork's entries (fixture key: Cancun, Prague, EIP150, ...)" };
        var trace = new Option<bool>("--trace") { Description = "Write an EIP-3155 JSON trace of every case to stderr" };
        var filter = new Option<string?>("--filter") { Description = "Run only cases whose id (file::test::fork::index) contains this text" };
        var progress = new Option<bool>("--progress") { Description = "Show progress on stderr (files, cases, passed/failed so far, elapsed) even when stderr is not a terminal; at most once a second" };
        var state = new Option<string?>("--state") { Description = "State backend: inmemory (default; alias memory), mkvs (Oasis MKVS tree, Ethereum root computed from it) or rocks (MKVS nodes committed to a RocksDB store and read back)" };

        var tier = new Option<string?>("--evm-tier") { Description = "EVM engine: interpreter (default), compiled (every contract compiled to IL before it runs) or auto (hot contracts compiled in the background)" };

        var stateTest = new Command("statetest", "Run Ethereum state-test fixtures and compare state roots and logs")
        {
            path, fork, trace, filter, state, progress, tier,
        };
        stateTest.SetAction(parse =>
        {
            // Off the sandbox, the native secp256k1 and SHA-256 (4-10x faster than the managed ones the runtime must use).
            NativeCrypto.Enable();
            // Buffered: a full run prints tens of thousands of lines; the command flushes after each file.
            using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
            return StateTestCommand.Run(parse.GetValue(path)!, parse.GetValue(fork), parse.GetValue(trace), parse.GetValue(filter), stdout, Console.Error,
                parse.GetValue(state), parse.GetValue(progress), parse.GetValue(tier));
        });

        var txPath = new Argument<string>("path") { Description = "A TransactionTests fixture file, or a directory searched recursively for *.json" };
        var txFork = new Option<string?>("--fork") { Description = "Check only this fork's expectations" };
        var txProgress = new Option<bool>("--progress") { Description = "Show progress on stderr even when it is not a terminal; at most once a second" };
        var txTest = new Command("txtest", "Decode and validate TransactionTests fixtures (hash, sender, intrinsic gas, rejections)")
        {
            txPath, txFork, txProgress,
        };
        txTest.SetAction(parse =>
        {
            NativeCrypto.Enable();
            using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
            return TxTestCommand.Run(parse.GetValue(txPath)!, parse.GetValue(txFork), stdout, Console.Error, parse.GetValue(txProgress));
        });

        var devOptions = new DevCommandLine();
        var dev = new Command("dev", "Run a local development node: JSON-RPC on 127.0.0.1:8545, 10 prefunded accounts, automine");
        devOptions.AddTo(dev);
        dev.SetAction((parse, cancel) => DevCommand.RunAsync(devOptions.Read(parse, Environment.CurrentDirectory), Console.Out, Console.Error, cancel));

        var genesis = new Option<string?>("--genesis") { Description = "The chain's genesis: a genesis JSON file, or 'dev' (the dev node's: ten funded accounts, chain id 31337); default: the genesis the binary carries" };
        var runtimeTier = EvmTierOption.Create();
        var runtime = new Command("runtime", "Serve the Oasis runtime host protocol on the socket in $OASIS_WORKER_HOST (how oasis-node runs the ParaTime)")
        {
            genesis, runtimeTier,
        };
        runtime.SetAction(parse => RuntimeCommand.Run(parse.GetValue(genesis), Console.Error, parse.GetValue(runtimeTier)));

        var bundleGenesis = new Option<string?>("--genesis") { Description = "Genesis to carry: \"dev\" (the dev chain's funded accounts, a test runtime id) or a genesis file; default: the network genesis (no allocation, halving release)" };
        var bundleOutput = new Option<string?>("--output", "-o") { Description = "Where to write the .orc bundle" };
        var bundleVerify = new Option<string?>("--verify") { Description = "Check an existing .orc as oasis-node would load it (exit 0 only if it would)" };
        var bundleRuntimeId = new Option<string?>("--runtime-id") { Description = "Runtime id, 64 hex digits (default: a documented constant, with the test-runtime bit for --genesis dev)" };
        var bundleExecutable = new Option<string?>("--executable") { Description = "The ELF to bundle (default: this oasis-eth executable)" };
        var bundle = new Command("bundle", "Build an oasis-node runtime bundle (.orc) or verify one; prints the manifest hash")
        {
            bundleGenesis, bundleOutput, bundleVerify, bundleRuntimeId, bundleExecutable,
        };
        bundle.SetAction(parse =>
        {
            string? verify = parse.GetValue(bundleVerify);
            string? output = parse.GetValue(bundleOutput);
            if ((verify is null) == (output is null))
            {
                Console.Error.WriteLine("bundle: give either --output FILE.orc (build) or --verify FILE.orc (check)");
                return 2;
            }
            return verify is not null
                ? BundleCommand.Verify(verify, Console.Out, Console.Error)
                : BundleCommand.Build(parse.GetValue(bundleGenesis), output!, parse.GetValue(bundleRuntimeId),
                    parse.GetValue(bundleExecutable), Console.Out, Console.Error);
        });

        var root = new RootCommand("OasisEth: an EVM-compatible runtime") { stateTest, txTest, dev, runtime, bundle };
        // No built-in Ctrl-C handling: its default gives an action 2 seconds and then ends the process, and `dev`
        // must be free to finish its round and close RocksDB (it registers its own SIGINT/SIGTERM handlers).
        ParseResult parse = root.Parse(args);
        int code = parse.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
        // Usage errors (unknown option, value out of range) exit 2, as getopt tools do, so scripts can tell a
        // mistyped command from a node that could not start (1).
        return parse.Errors.Count > 0 ? UsageError : code;
    }

    /// <summary>Exit code of a command line that does not parse.</summary>
    public const int UsageError = 2;
}
