using System.Buffers.Binary;
using System.Text;

namespace OasisEth.Node.Bundle;

/// <summary>
/// The framing every trailer appended to the bundled ELF shares: payload ‖ length (8 bytes, little-endian) ‖ magic
/// (16 bytes). Each trailer (<see cref="GenesisTrailer"/>, <see cref="LibraryTrailer"/>) has its own magic; a trailer
/// sits at the end of the bytes below any trailer appended after it.
/// </summary>
internal sealed class TrailerFormat(string magic)
{
    private readonly byte[] _magic = Encoding.ASCII.GetBytes(magic);
    public const int FooterLength = 8 + 16;

    /// <summary><paramref name="plain"/> with <paramref name="payload"/> and this trailer's footer appended.</summary>
    public byte[] Append(ReadOnlySpan<byte> plain, ReadOnlySpan<byte> payload)
    {
        byte[] result = new byte[plain.Length + payload.Length + FooterLength];
        plain.CopyTo(result);
        payload.CopyTo(result.AsSpan(plain.Length));
        BinaryPrimitives.WriteUInt64LittleEndian(result.AsSpan(plain.Length + payload.Length), (ulong)payload.Length);
        _magic.CopyTo(result.AsSpan(result.Length - _magic.Length));
        return result;
    }

    /// <summary>Where the payload of the trailer ending <paramref name="bytes"/> starts and how long it is.</summary>
    public bool TryLocate(ReadOnlySpan<byte> bytes, out int start, out int length)
    {
        start = length = 0;
        if (bytes.Length < FooterLength || !bytes[^_magic.Length..].SequenceEqual(_magic)) return false;
        ulong declared = BinaryPrimitives.ReadUInt64LittleEndian(bytes[^FooterLength..]);
        if (declared > (ulong)(bytes.Length - FooterLength)) return false;
        length = (int)declared;
        start = bytes.Length - FooterLength - length;
        return true;
    }

    /// <summary>The same for the trailer ending at offset <paramref name="end"/> of <paramref name="stream"/>, reading only
    /// its footer; the stream's position is left anywhere.</summary>
    public bool TryLocate(Stream stream, long end, out long start, out long length)
    {
        start = length = 0;
        if (end < FooterLength) return false;
        Span<byte> footer = stackalloc byte[FooterLength];
        stream.Seek(end - FooterLength, SeekOrigin.Begin);
        stream.ReadExactly(footer);
        if (!footer[8..].SequenceEqual(_magic)) return false;
        ulong declared = BinaryPrimitives.ReadUInt64LittleEndian(footer);
        if (declared > (ulong)(end - FooterLength)) return false;
        length = (long)declared;
        start = end - FooterLength - length;
        return true;
    }
}
