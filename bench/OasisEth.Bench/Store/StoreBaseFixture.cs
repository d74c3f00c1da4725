using System.Globalization;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.Store.Rocks;

namespace OasisEth.Bench.Store;

/// <summary>
/// The 1M-account base store the store benchmarks run on: an MKVS tree of 1,000,000 keys (32-byte hashed keys,
/// 32-byte values, like accounts or storage slots) committed through <see cref="NodeStore"/> in 10 rounds of
/// 100k inserts, pruned to its last round and fully compacted (≈2M live nodes: 1M leaves + their internal
/// nodes). Built once into <c>$OASISETH_STORE_BENCH</c> (default <c>/tmp/oasiseth-bench-store</c>) and reused by
/// every later run; a marker file written last tells a complete build from an interrupted one. Benchmarks
/// that write copy it first.
/// </summary>
internal static class StoreBaseFixture
{
    public const int Accounts = 1_000_000;
    private const int BuildRounds = 10;

    public static string Root =>
        Environment.GetEnvironmentVariable("OASISETH_STORE_BENCH") is { Length: > 0 } dir ? dir : Path.Combine(Path.GetTempPath(), "oasiseth-bench-store");

    public static string BaseDir => Path.Combine(Root, "base-1m-v1");
    private static string Marker => BaseDir + ".complete";

    public static byte[] Key(int i) => Sha512_256.Hash(BitConverter.GetBytes(i)).ToArray();

    /// <summary>The base's last round, building the base first if needed.</summary>
    public static ulong Ensure()
    {
        if (File.Exists(Marker)) return ulong.Parse(File.ReadAllText(Marker).Trim(), CultureInfo.InvariantCulture);
        if (Directory.Exists(BaseDir)) Directory.Delete(BaseDir, recursive: true);
        Directory.CreateDirectory(Root);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ulong round = 0;
        using (var store = NodeStore.Open(BaseDir, new NodeStoreOptions { SyncCommits = false }))
        {
            var tree = new MkvsTree();
            int perRound = Accounts / BuildRounds;
            for (int r = 0; r < BuildRounds; r++)
            {
                for (int i = r * perRound; i < (r + 1) * perRound; i++)
                {
                    var key = Key(i);
                    tree.Insert(key, Sha512_256.Hash(key).Bytes);
                }
                var (root, log) = tree.Commit();
                store.CommitRound(++round, root, default, tree.NewNodes, log);
                Console.WriteLine($"// store base: round {round} committed at {clock.Elapsed.TotalSeconds:F1} s");
            }
            var pruned = store.Prune(1);
            Console.WriteLine($"// store base: pruned {pruned.NodesRemoved} nodes at {clock.Elapsed.TotalSeconds:F1} s");
            store.CompactAll();
            Console.WriteLine($"// store base: {Accounts} accounts, ~{store.GetProperty("rocksdb.estimate-num-keys", "nodes")} nodes, built in {clock.Elapsed.TotalSeconds:F1} s");
        }
        File.WriteAllText(Marker, round.ToString(CultureInfo.InvariantCulture));
        return round;
    }

    /// <summary>A private copy of the base for a benchmark that writes (SST files are copied, not shared).</summary>
    public static string CopyTo(string name)
    {
        Ensure();
        string target = Path.Combine(Root, name);
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(BaseDir))
        {
            if (Path.GetFileName(file) == "LOCK") continue;
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        return target;
    }
}
