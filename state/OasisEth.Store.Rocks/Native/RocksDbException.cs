namespace OasisEth.Store.Rocks.Native;

/// <summary>An error reported by librocksdb (its message, as the C API returns it).</summary>
public sealed class RocksDbException(string message) : Exception(message);
