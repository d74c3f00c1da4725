using System.Buffers.Binary;
using OasisEth.Store.Rocks.Native;

namespace OasisEth.Store.Rocks;

public sealed partial class NodeStore
{
    /// <summary>True when <see cref="Open"/> on <paramref name="dataDir"/> would create a new store (missing or empty directory).</summary>
    public static bool WouldCreate(string dataDir)
    {
        string dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDir));
        return !Directory.Exists(dir) || !Directory.EnumerateFileSystemEntries(dir).Any();
    }

    /// <summary>
    /// Opens the store in <paramref name="dataDir"/>, creating it if the directory is missing or empty, and
    /// resumes at its last committed round. Throws <see cref="NodeStoreException"/> naming the directory when it
    /// holds anything else: files that are not a RocksDB database, a RocksDB database that is not a node store,
    /// a store of another schema version, or files RocksDB finds corrupt. Never reuses such a directory.
    /// </summary>
    public static NodeStore Open(string dataDir, NodeStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDir);
        options ??= new NodeStoreOptions();
        string dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDir));
        try
        {
            if (!Directory.Exists(dir)) Create(dir, options, inPlace: false);
            else if (!Directory.EnumerateFileSystemEntries(dir).Any()) Create(dir, options, inPlace: true);
            else if (!File.Exists(Path.Combine(dir, "CURRENT")))
                throw new NodeStoreException(
                    $"The data directory '{dir}' is not empty and holds no RocksDB database (no CURRENT file); " +
                    "refusing to reuse it. Point the store at a new or empty directory.");
            return OpenExisting(dir, options);
        }
        catch (Exception e) when (e is RocksDbException)
        {
            throw new NodeStoreException($"RocksDB could not open the node store in '{dir}' (corrupt or unreadable files?): {e.Message}", e);
        }
    }

    /// <summary>
    /// Makes a new store with its schema marker. A missing directory is built under a temporary sibling name
    /// and renamed into place only once the marker is durable, so a crash during creation never leaves a
    /// half-made store under the real name (the next Open deletes the leftover and starts again). An existing
    /// empty directory (a mount point, say) is used in place.
    /// </summary>
    private static void Create(string dir, NodeStoreOptions options, bool inPlace)
    {
        string work = inPlace ? dir : dir + ".creating";
        if (!inPlace && Directory.Exists(work)) Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(work);
        using (var db = RocksDb.Open(RocksConfig.Db(create: true), work, RocksConfig.CreateFamilies(Cache.CreateLru(1 << 20))))
        using (var batch = new WriteBatch())
        {
            var meta = db.GetColumnFamily(RocksConfig.Meta);
            batch.Put(StoreKeys.MagicKey, StoreKeys.MagicValue, meta);
            batch.Put(StoreKeys.SchemaKey, StoreKeys.U32(StoreKeys.SchemaVersion), meta);
            batch.Put(StoreKeys.FlatIndexKey, new[] { options.FlatIndex ? (byte)1 : (byte)0 }, meta);
            db.Write(batch, new WriteOptions().SetSync(true));
        }
        if (!inPlace) Directory.Move(work, dir);
    }

    private static NodeStore OpenExisting(string dir, NodeStoreOptions options)
    {
        // Opening needs the exact set of column families; check it first so a foreign RocksDB database gets
        // a plain answer rather than RocksDB's "column family not found". If listing fails (a corrupt
        // manifest), Open below reports RocksDB's own error, wrapped with the directory.
        bool addFamilies = false;
        if (RocksDb.TryListColumnFamilies(new DbOptions(), dir, out var found))
        {
            var expected = new SortedSet<string>(RocksConfig.Families, StringComparer.Ordinal);
            var actual = new SortedSet<string>(found, StringComparer.Ordinal);
            // A store made before the aux and round-keys families gets the missing ones (empty) on this open.
            addFamilies = !actual.SetEquals(expected) && actual.IsSubsetOf(expected) && actual.IsSupersetOf(RocksConfig.FamiliesV1Initial);
            if (!expected.SetEquals(actual) && !addFamilies)
                throw new NodeStoreException(
                    $"The data directory '{dir}' holds a RocksDB database that is not an OasisEth node store " +
                    $"(column families: {string.Join(", ", actual)}); refusing to reuse it.");
        }

        var blockCache = Cache.CreateLru((ulong)Math.Max(options.BlockCacheBytes, 1 << 20));
        var db = RocksDb.Open(RocksConfig.Db(create: false, addFamilies), dir, RocksConfig.CreateFamilies(blockCache, (ulong)Math.Max(options.WriteBufferBytes, 1L << 20)));
        try
        {
            var meta = db.GetColumnFamily(RocksConfig.Meta);
            var magic = db.Get(StoreKeys.MagicKey, meta);
            if (magic is null || !magic.AsSpan().SequenceEqual(StoreKeys.MagicValue))
                throw new NodeStoreException(
                    $"The data directory '{dir}' has the node store's column families but no node-store marker " +
                    "(an interrupted creation in place, or another program's database); refusing to reuse it. Delete it to start afresh.");
            var schema = db.Get(StoreKeys.SchemaKey, meta);
            uint version = schema is { Length: 4 } ? BinaryPrimitives.ReadUInt32BigEndian(schema) : 0;
            if (version != StoreKeys.SchemaVersion)
                throw new NodeStoreException(
                    $"The node store in '{dir}' has schema version {(schema is { Length: 4 } ? version.ToString(System.Globalization.CultureInfo.InvariantCulture) : "(unreadable)")}; " +
                    $"this build reads version {StoreKeys.SchemaVersion}. Refusing to reuse it: migrate it or use another directory.");
            var flat = db.Get(StoreKeys.FlatIndexKey, meta);
            var last = db.Get(StoreKeys.LastRoundKey, meta);
            if (flat is not { Length: 1 } || (last is not null && last.Length != 8))
                throw new NodeStoreException($"The node store in '{dir}' has malformed metadata; refusing to reuse it.");
            ulong? lastRound = last is null ? null : BinaryPrimitives.ReadUInt64BigEndian(last);
            return new NodeStore(dir, db, options, flat[0] == 1, lastRound);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }
}
