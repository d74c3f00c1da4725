namespace OasisEth.Store.Rocks.Native;

/// <summary>An open column family of a <see cref="RocksDb"/>; the database destroys it when it closes.</summary>
internal sealed class ColumnFamilyHandle(string name, nint handle)
{
    public string Name { get; } = name;

    public nint Handle { get; } = handle;
}
