using NUnit.Framework;
using OasisEth.Store.Rocks.Native;

namespace OasisEth.Store.Rocks.Tests;

/// <summary>Directories that are not a usable node store are refused with an error naming them, never reused.</summary>
[TestFixture]
public sealed class NodeStoreOpenErrorTests
{
    private static void MakeStoreWithRounds(string dir, int rounds = 3)
    {
        using var store = NodeStore.Open(dir, SyntheticNodes.Options());
        for (int r = 1; r <= rounds; r++)
        {
            var leaf = SyntheticNodes.Make(BitConverter.GetBytes(r));
            store.CommitRound((ulong)r, leaf.Hash, default, [leaf]);
        }
    }

    private static void AssertRefused(string dir, string because)
    {
        var ex = Assert.Throws<NodeStoreException>(() => NodeStore.Open(dir, SyntheticNodes.Options()).Dispose());
        Assert.That(ex!.Message, Does.Contain(Path.GetFullPath(dir)));
        Assert.That(ex.Message, Does.Contain(because).IgnoreCase);
    }

    [Test]
    public void ADirectoryOfOtherFilesIsRefusedAndLeftAlone()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);
        var junk = Path.Combine(dir.Path, "notes.txt");
        File.WriteAllText(junk, "not a database");
        AssertRefused(dir.Path, "no RocksDB database");
        Assert.That(Directory.GetFileSystemEntries(dir.Path), Is.EqualTo(new[] { junk }));
    }

    [Test]
    public void GarbageRocksDbFilesGiveAnErrorNamingTheDirectory()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);
        var random = new Random(3);
        foreach (var name in new[] { "CURRENT", "MANIFEST-000001", "000003.log", "IDENTITY" })
        {
            var bytes = new byte[1000];
            random.NextBytes(bytes);
            File.WriteAllBytes(Path.Combine(dir.Path, name), bytes);
        }
        AssertRefused(dir.Path, "RocksDB");
    }

    [Test]
    public void ACorruptManifestGivesAnErrorNamingTheDirectory()
    {
        using var dir = new TempDir();
        MakeStoreWithRounds(dir.Path);
        foreach (var manifest in Directory.GetFiles(dir.Path, "MANIFEST-*"))
        {
            var bytes = File.ReadAllBytes(manifest);
            for (int i = 0; i < bytes.Length; i += 7) bytes[i] ^= 0x5A;
            File.WriteAllBytes(manifest, bytes);
        }
        AssertRefused(dir.Path, "RocksDB");
    }

    [Test]
    public void ACorruptTableFileIsReportedNotServed()
    {
        using var dir = new TempDir();
        var nodes = new List<(OasisEth.Primitives.Hash256 Hash, byte[] Encoded)>();
        using (var store = NodeStore.Open(dir.Path, SyntheticNodes.Options(cacheBytes: 0)))
        {
            var random = new Random(5);
            for (int i = 0; i < 2000; i++)
            {
                var payload = new byte[100];
                random.NextBytes(payload);
                nodes.Add(SyntheticNodes.Make(payload));
            }
            var root = SyntheticNodes.Make("root"u8, []);
            // Chain the leaves under 16-ary nodes so all of them are reachable from the round's root.
            var level = nodes.Select(n => n.Hash).ToList();
            var all = new List<(OasisEth.Primitives.Hash256, byte[])>(nodes);
            while (level.Count > 1)
            {
                var next = new List<OasisEth.Primitives.Hash256>();
                for (int i = 0; i < level.Count; i += 16)
                {
                    var parent = SyntheticNodes.Make("p"u8, level.Skip(i).Take(16).ToArray());
                    all.Add(parent);
                    next.Add(parent.Hash);
                }
                level = next;
            }
            store.CommitRound(1, level[0], default, all);
            store.CompactAll();
        }
        var largest = new DirectoryInfo(dir.Path).GetFiles("*.sst").OrderByDescending(f => f.Length).First();
        var bytes = File.ReadAllBytes(largest.FullName);
        for (int i = 100; i < bytes.Length / 2; i += 50) bytes[i] ^= 0xFF;
        File.WriteAllBytes(largest.FullName, bytes);

        NodeStoreException? error = null;
        try
        {
            using var store = NodeStore.Open(dir.Path, SyntheticNodes.Options(cacheBytes: 0));
            foreach (var (hash, encoded) in nodes)
            {
                var read = store.TryGetNode(hash);
                // Whatever RocksDB serves must be right; corruption must surface as an error.
                Assert.That(read, Is.Null.Or.EqualTo(encoded));
                Assert.That(read, Is.Not.Null, $"node {hash} vanished silently");
            }
        }
        catch (NodeStoreException e)
        {
            error = e;
        }
        Assert.That(error, Is.Not.Null, "flipped bytes in a table file went unnoticed");
        Assert.That(error!.Message, Does.Contain(dir.Path));
    }

    [Test]
    public void AnotherSchemaVersionIsRefused()
    {
        using var dir = new TempDir();
        MakeStoreWithRounds(dir.Path);
        using (var db = RocksDb.Open(RocksConfig.Db(create: false), dir.Path, RocksConfig.CreateFamilies(Cache.CreateLru(1 << 20))))
        {
            db.Put(StoreKeys.SchemaKey, StoreKeys.U32(99), db.GetColumnFamily(RocksConfig.Meta));
        }
        AssertRefused(dir.Path, "schema version 99");
    }

    [Test]
    public void AForeignRocksDbDatabaseIsRefused()
    {
        using var dir = new TempDir();
        using (var db = RocksDb.Open(new DbOptions().SetCreateIfMissing(true), dir.Path))
        {
            db.Put("hello"u8.ToArray(), "world"u8.ToArray());
        }
        AssertRefused(dir.Path, "not an OasisEth node store");
    }

    [Test]
    public void OurColumnFamiliesWithoutTheMarkerAreRefused()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);
        using (RocksDb.Open(RocksConfig.Db(create: true), dir.Path, RocksConfig.CreateFamilies(Cache.CreateLru(1 << 20))))
        {
        }
        AssertRefused(dir.Path, "no node-store marker");
    }

    [Test]
    public void ASecondOpenOfAnOpenStoreIsRefused()
    {
        using var dir = new TempDir();
        using var store = NodeStore.Open(dir.Path, SyntheticNodes.Options());
        AssertRefused(dir.Path, "lock");
    }

    [Test]
    public void ALeftoverOfAnInterruptedCreationIsReplaced()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path + ".creating");
        File.WriteAllText(Path.Combine(dir.Path + ".creating", "CURRENT"), "half-made");
        using var store = NodeStore.Open(dir.Path, SyntheticNodes.Options());
        Assert.That(store.LastRound, Is.Null);
        Assert.That(Directory.Exists(dir.Path + ".creating"), Is.False);
    }

    [Test]
    public void AnEmptyExistingDirectoryBecomesAStore()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);
        using (var store = NodeStore.Open(dir.Path, SyntheticNodes.Options()))
        {
            var leaf = SyntheticNodes.Make("x"u8);
            store.CommitRound(9, leaf.Hash, default, [leaf]);
        }
        using (var store = NodeStore.Open(dir.Path, SyntheticNodes.Options()))
            Assert.That(store.LastRound, Is.EqualTo(9UL));
    }
}
