using NUnit.Framework;
using OasisEth.Store.Rocks.Native;

namespace OasisEth.Store.Rocks.Tests.Native;

/// <summary>The store's own binding of librocksdb's C API, at the edges the store's tests do not reach directly:
/// errors become <see cref="RocksDbException"/>s with RocksDB's message, sizes are checked, snapshots isolate.</summary>
[TestFixture]
public sealed class RocksDbBindingTests
{
    private static byte[] B(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    private static RocksDb Create(string path) => RocksDb.Open(new DbOptions().SetCreateIfMissing(true), path);

    [Test]
    public void PutThenGetRoundTripsAndAMissingKeyIsNull()
    {
        using var dir = new TempDir();
        using var db = Create(dir.Path);
        var family = db.GetColumnFamily("default");
        db.Put(B("key"), B("value"));
        Assert.That(db.Get(B("key"), family), Is.EqualTo(B("value")));
        Assert.That(db.Get(B("other"), family), Is.Null);
        // An empty value is present, not absent.
        db.Put(B("empty"), ReadOnlySpan<byte>.Empty);
        Assert.That(db.Get(B("empty"), family), Is.Empty);
    }

    [Test]
    public void AFixedSizeReadOfAValueOfAnotherLengthThrowsInsteadOfTruncating()
    {
        using var dir = new TempDir();
        using var db = Create(dir.Path);
        var family = db.GetColumnFamily("default");
        db.Put(B("k"), B("12345"));
        var four = new byte[4];
        var e = Assert.Throws<RocksDbException>(() => db.GetFixedSizeValue(B("k"), four, family));
        Assert.That(e!.Message, Does.Contain("5 bytes where 4"));
        var five = new byte[5];
        Assert.That(db.GetFixedSizeValue(B("k"), five, family), Is.True);
        Assert.That(five, Is.EqualTo(B("12345")));
        Assert.That(db.GetFixedSizeValue(B("absent"), five, family), Is.False);
    }

    [Test]
    public void OpeningAMissingDatabaseWithoutCreateReportsRocksDbsMessage()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<RocksDbException>(() => RocksDb.Open(new DbOptions(), dir.Path));
        Assert.That(e!.Message, Does.Contain("does not exist").Or.Contain("No such file"));
        Assert.That(RocksDb.TryListColumnFamilies(new DbOptions(), dir.Path, out var names), Is.False);
        Assert.That(names, Is.Empty);
    }

    [Test]
    public void AWriteBatchIsAppliedWholeAndAnIteratorOnASnapshotDoesNotSeeLaterWrites()
    {
        using var dir = new TempDir();
        using var db = Create(dir.Path);
        var family = db.GetColumnFamily("default");
        using (var batch = new WriteBatch())
        {
            batch.Put(B("a"), B("1"), family).Put(B("b"), B("2"), family).Put(B("c"), B("3"), family).Delete(B("b"), family);
            db.Write(batch, new WriteOptions().SetSync(true));
        }
        using var snapshot = db.CreateSnapshot();
        db.Put(B("d"), B("4"));
        using var batch2 = new WriteBatch();
        db.Write(batch2.Delete(B("a"), family));

        var seen = new List<string>();
        using (var it = db.NewIterator(family, new ReadOptions().SetSnapshot(snapshot)))
            for (it.SeekToFirst(); it.Valid(); it.Next())
                seen.Add(System.Text.Encoding.ASCII.GetString(it.GetKeySpan()) + "=" + System.Text.Encoding.ASCII.GetString(it.Value()));
        Assert.That(seen, Is.EqualTo(new[] { "a=1", "c=3" }));

        var now = new List<string>();
        using (var it = db.NewIterator(family))
            for (it.Seek(B("b")); it.Valid(); it.Next()) now.Add(System.Text.Encoding.ASCII.GetString(it.Key()));
        Assert.That(now, Is.EqualTo(new[] { "c", "d" }));
    }

    [Test]
    public void ColumnFamiliesAreListedOpenedAndDropped()
    {
        using var dir = new TempDir();
        var families = new ColumnFamilies();
        families.Add("one", new ColumnFamilyOptions().SetWriteBufferSize(1 << 20));
        families.Add("two", new ColumnFamilyOptions().SetCompression(Compression.Lz4));
        using (var db = RocksDb.Open(new DbOptions().SetCreateIfMissing(true).SetCreateMissingColumnFamilies(true), dir.Path, families))
        {
            db.Put(B("x"), B("y"), db.GetColumnFamily("two"));
            Assert.That(db.Get(B("x"), db.GetColumnFamily("one")), Is.Null);
            Assert.That(db.GetProperty("rocksdb.estimate-num-keys", db.GetColumnFamily("two")), Is.EqualTo("1"));
            db.DropColumnFamily("one");
            Assert.Throws<RocksDbException>(() => db.GetColumnFamily("one"));
        }
        Assert.That(RocksDb.ListColumnFamilies(new DbOptions(), dir.Path), Is.EquivalentTo(new[] { "default", "two" }));
    }
}
