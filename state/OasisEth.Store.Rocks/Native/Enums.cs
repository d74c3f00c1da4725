namespace OasisEth.Store.Rocks.Native;

/// <summary>rocksdb_*_compression values of c.h (only those the store may choose).</summary>
internal enum Compression
{
    None = 0,
    Snappy = 1,
    Lz4 = 4,
    Zstd = 7,
}

/// <summary>rocksdb_*_recovery values of c.h (WAL recovery modes).</summary>
internal enum Recovery
{
    TolerateCorruptedTailRecords = 0,
    AbsoluteConsistency = 1,
    PointInTime = 2,
    SkipAnyCorruptedRecords = 3,
}
