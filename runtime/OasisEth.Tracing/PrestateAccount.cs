using OasisEth.Primitives;

namespace OasisEth.Tracing;

/// <summary>One account of a prestateTracer result: what it held (or, in a diff's <c>post</c>, what changed).
/// Null fields are left out of the JSON.</summary>
public sealed class PrestateAccount
{
    public bool Exists { get; set; }
    public UInt256? Balance { get; set; }
    public ulong? Nonce { get; set; }
    public byte[]? Code { get; set; }

    /// <summary>Slot → value, written in slot order.</summary>
    public SortedDictionary<UInt256, UInt256> Storage { get; } = [];
}
