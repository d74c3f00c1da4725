using System.Text.Json;
using OasisEth.Evm;
using OasisEth.Evm.Specs;
using OasisEth.Transactions;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.StateTest;

namespace OasisEth.Bench.Interpreter;

/// <summary>
/// One (benchmark, input) case of the evmone suite's state tests, e.g. <c>snailtracer/benchmark</c>: the fixture's
/// transaction and block, built with the StateTest project's helpers, and the result of one checked reference run.
/// </summary>
/// <remarks>
/// <see cref="Get"/> runs the case once on a fresh state and throws unless the transaction is valid and succeeds,
/// the post-state root and logs hash equal the fixture's (which also pins the gas charged, through the sender's
/// balance), and the output equals evmone's legacy expected output where one exists for this exact code and
/// input. Cases are cached per process: BenchmarkDotNet's host process needs them for the gas columns, each
/// benchmark child process for its setup.
/// </remarks>
public sealed class EvmoneCase
{
    private static readonly Lazy<List<CatalogEntry>> Catalog = new(LoadCatalog);
    private static readonly Dictionary<string, EvmoneCase> Loaded = new(StringComparer.Ordinal);

    private EvmoneCase(CatalogEntry entry, Transaction transaction, BlockContext block, Fork fork)
    {
        Source = entry;
        Transaction = transaction;
        Block = block;
        Fork = fork;
    }

    private CatalogEntry Source { get; }
    public string Name => Source.Name;
    public Fork Fork { get; }
    public Transaction Transaction { get; }
    public BlockContext Block { get; }
    /// <summary>evmone's expected output for this code and input; null when the legacy files have none.</summary>
    public byte[]? ExpectedOutput { get; private set; }
    /// <summary>The output of the reference run (equal to <see cref="ExpectedOutput"/> when that is known).</summary>
    public byte[] Output { get; private set; } = [];
    /// <summary>Gas charged for the transaction (intrinsic gas included).</summary>
    public ulong GasUsed { get; private set; }
    /// <summary><see cref="GasUsed"/> minus the intrinsic gas: what the code itself burned (evmone's and peers.md's "gas used").</summary>
    public long ExecutionGas { get; private set; }

    /// <summary>Every case name, in file order (main before micro), then data index.</summary>
    public static IEnumerable<string> Names
    {
        get
        {
            foreach (CatalogEntry entry in Catalog.Value) yield return entry.Name;
        }
    }

    /// <summary>The case, loaded and checked on first use.</summary>
    public static EvmoneCase Get(string name)
    {
        lock (Loaded)
        {
            if (Loaded.TryGetValue(name, out EvmoneCase? known)) return known;
            CatalogEntry? found = null;
            foreach (CatalogEntry entry in Catalog.Value)
            {
                if (entry.Name == name) found = entry;
            }
            if (found is null) throw new ArgumentException($"no evmone case named {name}", nameof(name));
            EvmoneCase loaded = Load(found);
            Loaded[name] = loaded;
            return loaded;
        }
    }

    /// <summary>A fresh state holding the fixture's <c>pre</c> accounts.</summary>
    public InMemoryWorldState CreatePreState()
    {
        var state = new InMemoryWorldState();
        foreach (PreAccount a in Source.Test.Pre) state.SetAccount(a.Address, a.Nonce, a.Balance, a.Code, a.Storage);
        return state;
    }

    private static EvmoneCase Load(CatalogEntry entry)
    {
        StateTestFixture test = entry.Test;
        PostEntry post = entry.Post;
        if (post.Fork is not { } fork) throw new InvalidOperationException($"{entry.Name}: unknown fork {post.ForkName}");
        TransactionTemplate t = test.Transaction;
        Address sender = t.Sender ?? SecretKeys.ToAddress(t.SecretKey!);
        ulong gasLimit = t.GasLimit[post.GasIndex] ?? throw new InvalidOperationException($"{entry.Name}: gas limit above 2^64");
        UInt256 value = t.Value[post.ValueIndex] ?? throw new InvalidOperationException($"{entry.Name}: value above 2^256");
        Transaction tx = StateTestRunner.BuildTransaction(test, post, fork, sender, gasLimit, value);
        BlockContext block = StateTestRunner.BuildBlock(test, post, fork);
        var result = new EvmoneCase(entry, tx, block, fork) { ExpectedOutput = FindExpectedOutput(entry, tx) };

        InMemoryWorldState state = result.CreatePreState();
        TransactionResult run = new TransactionProcessor(fork).Execute(state, block, tx);
        if (run.IsInvalid) throw Wrong(entry, $"transaction rejected: {run.InvalidReason}");
        if (!run.Success) throw Wrong(entry, $"execution failed: {run.Error}");
        if (result.ExpectedOutput is { } expected && !run.Output.AsSpan().SequenceEqual(expected))
            throw Wrong(entry, $"output {Hex.Encode(run.Output)}, expected {Hex.Encode(expected)}");
        Hash256 root = state.ComputeStateRoot();
        if (root != post.Hash) throw Wrong(entry, $"post-state root {root}, fixture says {post.Hash}");
        Hash256 logs = LogsHash.Compute(run.Logs);
        if (logs != post.Logs) throw Wrong(entry, $"logs hash {logs}, fixture says {post.Logs}");

        result.Output = run.Output;
        result.GasUsed = run.GasUsed;
        result.ExecutionGas = (long)run.GasUsed - IntrinsicGas.Of(tx, ForkSpec.Of(fork)).Gas;
        return result;
    }

    /// <summary>
    /// The legacy files' expected output for this input, used only when the legacy bytecode is byte-identical to
    /// the state test's (loop_with_many_jumpdests' is not) and the legacy input equals the transaction data; labels
    /// differ between the two sets (legacy weierstrudel "0" is the state test's "1"), so inputs are matched by bytes.
    /// </summary>
    private static byte[]? FindExpectedOutput(CatalogEntry entry, Transaction tx)
    {
        string stem = Path.Combine(EvmoneData.Root, "legacy", entry.Group, entry.Test.Name);
        if (!File.Exists(stem + ".bin-runtime") || !File.Exists(stem + ".inputs") || tx.To is not { } to) return null;
        byte[] legacyCode = LegacyInputs.ExpandHex(File.ReadAllText(stem + ".bin-runtime").Trim(), stem + ".bin-runtime");
        byte[]? code = null;
        foreach (PreAccount a in entry.Test.Pre)
        {
            if (a.Address == to) code = a.Code;
        }
        if (code is null || !legacyCode.AsSpan().SequenceEqual(code)) return null;
        foreach (LegacyInputs.Entry legacy in LegacyInputs.Parse(File.ReadAllText(stem + ".inputs")))
        {
            if (legacy.Input.AsSpan().SequenceEqual(tx.Data)) return legacy.ExpectedOutput;
        }
        return null;
    }

    private static InvalidOperationException Wrong(CatalogEntry entry, string what) =>
        new($"evmone case {entry.Name} ({entry.Post.CaseId}) is wrong, refusing to time it: {what}");

    private static List<CatalogEntry> LoadCatalog()
    {
        var entries = new List<CatalogEntry>();
        foreach (string group in new[] { "main", "micro" })
        {
            string directory = Path.Combine(EvmoneData.Root, "state-tests", group);
            string[] files = Directory.GetFiles(directory, "*.json");
            Array.Sort(files, StringComparer.Ordinal);
            foreach (string path in files)
            {
                FixtureFile file = FixtureLoader.LoadFile(path, group + "/" + Path.GetFileName(path));
                if (file.FileError is not null) throw new InvalidOperationException($"{file.File}: {file.FileError}");
                if (file.TestErrors.Count > 0) throw new InvalidOperationException($"{file.File}: {file.TestErrors[0].Key}: {file.TestErrors[0].Value}");
                Dictionary<int, string> labels = ReadLabels(path);
                foreach (StateTestFixture test in file.Tests)
                {
                    foreach (PostEntry post in test.Post)
                    {
                        string label = labels.TryGetValue(post.DataIndex, out string? l) ? l : "d" + post.DataIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        entries.Add(new CatalogEntry($"{test.Name}/{label}", group, test, post));
                    }
                }
            }
        }
        return entries;
    }

    /// <summary>The fillers keep each data index's name in <c>_info.labels</c>, which the state-test loader has no use for.</summary>
    private static Dictionary<int, string> ReadLabels(string path)
    {
        var labels = new Dictionary<int, string>();
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (JsonProperty test in document.RootElement.EnumerateObject())
        {
            if (!test.Value.TryGetProperty("_info", out JsonElement info) || !info.TryGetProperty("labels", out JsonElement map)) continue;
            foreach (JsonProperty label in map.EnumerateObject())
            {
                if (int.TryParse(label.Name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index))
                    labels[index] = label.Value.GetString() ?? label.Name;
            }
        }
        return labels;
    }

    private sealed record CatalogEntry(string Name, string Group, StateTestFixture Test, PostEntry Post);
}
