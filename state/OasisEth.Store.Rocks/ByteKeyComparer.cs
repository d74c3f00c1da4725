namespace OasisEth.Store.Rocks;

/// <summary>Content equality for byte-array keys (the state keys a rollback collects from round-key records).</summary>
internal sealed class ByteKeyComparer : IEqualityComparer<byte[]>
{
    public static readonly ByteKeyComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj)
    {
        // Only places keys in a set; nothing is iterated in hash order where the result is stored or printed.
        var hash = new HashCode();
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }
}
