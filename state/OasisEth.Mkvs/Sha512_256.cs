using OasisEth.Primitives;

namespace OasisEth.Mkvs;

/// <summary>
/// SHA-512/256 (FIPS 180-4 §5.3.6.2): the SHA-512 compression (<see cref="Sha512"/>) with its own initial values,
/// output truncated to 32 bytes. Oasis hashes every MKVS node with it; .NET exposes no SHA-512/256, and a truncated
/// SHA-512 is a different function. Use <see cref="Hash(ReadOnlySpan{byte})"/> for one span or an instance
/// (Append…, Finish) for concatenated parts, so node hashes never build a joined buffer.
/// </summary>
public ref struct Sha512_256
{
    private Sha512 _inner;

    /// <summary>H("") — oasis' "empty hash", the hash of a nil subtree and of the empty tree.</summary>
    public static readonly Hash256 EmptyHash = Hash([]);

    public Sha512_256() => _inner = Sha512.Sha512_256Iv();

    public static Hash256 Hash(ReadOnlySpan<byte> data)
    {
        var h = new Sha512_256();
        h.Append(data);
        return h.Finish();
    }

    public void Append(byte value) => _inner.Append(value);

    public void AppendUInt16LittleEndian(ushort value) => _inner.AppendUInt16LittleEndian(value);

    public void AppendUInt32LittleEndian(uint value) => _inner.AppendUInt32LittleEndian(value);

    public void Append(scoped ReadOnlySpan<byte> data) => _inner.Append(data);

    public Hash256 Finish()
    {
        Span<byte> output = stackalloc byte[Hash256.Size];
        _inner.Finish(output);
        return new Hash256(output);
    }
}
