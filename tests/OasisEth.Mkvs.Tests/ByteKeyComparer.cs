namespace OasisEth.Mkvs.Tests;

/// <summary>Unsigned lexicographic order, a key before its extensions: the MKVS iteration order.</summary>
internal sealed class ByteKeyComparer : IComparer<byte[]>
{
    public static readonly ByteKeyComparer Instance = new();
    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
