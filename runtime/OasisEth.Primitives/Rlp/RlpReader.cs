using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace OasisEth.Primitives.Rlp;

/// <summary>
/// A strict, forward-only RLP reader over a span; it allocates nothing. Every header is checked as it is read:
/// truncation, a single byte below 0x80 wrapped as a string (0x81 0x05), a long form used for a length below 56,
/// leading zeros in a length, and (for integers) leading zeros in the value all throw <see cref="RlpException"/>,
/// so only the one canonical encoding of a value is accepted (transaction hashes depend on that).
/// A list is read by <see cref="ReadList"/>, which returns a reader confined to the list's payload.
/// </summary>
public ref struct RlpReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public RlpReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>True while unread bytes remain (inside a list reader: more items in that list).</summary>
    public readonly bool HasMore => _position < _data.Length;

    /// <summary>Offset of the next item from the start of this reader's span.</summary>
    public readonly int Position => _position;

    /// <summary>True if the next item is a list; throws if there is no next item.</summary>
    public readonly bool IsList
    {
        get
        {
            if (_position >= _data.Length) ThrowNoMoreItems();
            return _data[_position] >= 0xc0;
        }
    }

    /// <summary>The payload of the next item, which must be a string.</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        if (ReadHeader(_data, _position, out int start, out int length)) Throw("expected a string, found a list", _position);
        _position = start + length;
        return _data.Slice(start, length);
    }

    /// <summary>A reader over the payload of the next item, which must be a list; this reader moves past it.</summary>
    public RlpReader ReadList()
    {
        if (!ReadHeader(_data, _position, out int start, out int length)) Throw("expected a list, found a string", _position);
        _position = start + length;
        return new RlpReader(_data.Slice(start, length));
    }

    /// <summary>The raw encoding (header and payload) of the next item, which is skipped.</summary>
    public ReadOnlySpan<byte> ReadEncodedItem()
    {
        int begin = _position;
        ReadHeader(_data, _position, out int start, out int length);
        _position = start + length;
        return _data[begin.._position];
    }

    public void SkipItem()
    {
        ReadHeader(_data, _position, out int start, out int length);
        _position = start + length;
    }

    /// <summary>An integer of at most 32 bytes, minimal big-endian (zero is the empty string).</summary>
    public UInt256 ReadUInt256()
    {
        int at = _position;
        ReadOnlySpan<byte> bytes = ReadBytes();
        if (bytes.Length > 32) Throw($"integer of {bytes.Length} bytes exceeds 256 bits", at);
        if (bytes.Length > 0 && bytes[0] == 0) Throw("integer has leading zero bytes", at);
        return UInt256.FromBigEndian(bytes);
    }

    /// <summary>An integer of at most 8 bytes, minimal big-endian (zero is the empty string).</summary>
    public ulong ReadULong()
    {
        int at = _position;
        ReadOnlySpan<byte> bytes = ReadBytes();
        if (bytes.Length > 8) Throw($"integer of {bytes.Length} bytes exceeds 64 bits", at);
        if (bytes.Length > 0 && bytes[0] == 0) Throw("integer has leading zero bytes", at);
        ulong value = 0;
        foreach (byte b in bytes) value = (value << 8) | b;
        return value;
    }

    /// <summary>A string of exactly 20 bytes.</summary>
    public Address ReadAddress()
    {
        int at = _position;
        ReadOnlySpan<byte> bytes = ReadBytes();
        if (bytes.Length != Address.Size) Throw($"address must be 20 bytes, got {bytes.Length}", at);
        return new Address(bytes);
    }

    /// <summary>A string of exactly 32 bytes.</summary>
    public Hash256 ReadHash256()
    {
        int at = _position;
        ReadOnlySpan<byte> bytes = ReadBytes();
        if (bytes.Length != Hash256.Size) Throw($"hash must be 32 bytes, got {bytes.Length}", at);
        return new Hash256(bytes);
    }

    /// <summary>Throws unless every byte has been read (no trailing bytes after the last expected item).</summary>
    public readonly void ReadEnd()
    {
        if (_position != _data.Length) Throw($"{_data.Length - _position} unexpected trailing bytes", _position);
    }

    /// <summary>
    /// Checks that <paramref name="encoded"/> is exactly one well-formed, canonical item, descending into every
    /// nested list. Iterative (a stack of list ends) so hostile nesting depth cannot overflow the call stack.
    /// </summary>
    public static void Validate(ReadOnlySpan<byte> encoded)
    {
        bool isList = ReadHeader(encoded, 0, out int start, out int length);
        if (start + length != encoded.Length) Throw($"{encoded.Length - start - length} unexpected trailing bytes", start + length);
        if (!isList) return;

        Stack<int>? parentEnds = null;
        int position = start;
        int end = start + length;
        while (true)
        {
            while (position == end)
            {
                if (parentEnds is null || parentEnds.Count == 0) return;
                end = parentEnds.Pop();
            }
            if (ReadHeader(encoded[..end], position, out start, out length))
            {
                (parentEnds ??= new Stack<int>()).Push(end);
                end = start + length;
                position = start;
            }
            else
            {
                position = start + length;
            }
        }
    }

    /// <summary>
    /// Decodes the header at <paramref name="position"/>; the item must end within <paramref name="data"/>.
    /// Returns true for a list. For a single byte below 0x80 the payload is that byte itself.
    /// </summary>
    private static bool ReadHeader(ReadOnlySpan<byte> data, int position, out int start, out int length)
    {
        if (position >= data.Length) ThrowNoMoreItems();
        byte prefix = data[position];
        bool isList;
        if (prefix < 0x80)
        {
            start = position;
            length = 1;
            return false;
        }
        if (prefix <= 0xb7)
        {
            isList = false;
            start = position + 1;
            length = prefix - 0x80;
        }
        else if (prefix < 0xc0)
        {
            isList = false;
            length = ReadLongLength(data, position, prefix - 0xb7, out start);
        }
        else if (prefix <= 0xf7)
        {
            isList = true;
            start = position + 1;
            length = prefix - 0xc0;
        }
        else
        {
            isList = true;
            length = ReadLongLength(data, position, prefix - 0xf7, out start);
        }

        if ((long)start + length > data.Length)
            Throw($"item of {length} bytes overruns its enclosing data ({data.Length - start} bytes left)", position);
        if (!isList && length == 1 && data[start] < 0x80)
            Throw("single byte below 0x80 must be encoded as itself", position);
        return isList;
    }

    private static int ReadLongLength(ReadOnlySpan<byte> data, int position, int lengthOfLength, out int start)
    {
        start = position + 1 + lengthOfLength;
        if (start > data.Length) Throw("length of a long item is truncated", position);
        ReadOnlySpan<byte> lengthBytes = data.Slice(position + 1, lengthOfLength);
        if (lengthBytes[0] == 0) Throw("length has leading zero bytes", position);
        ulong length = 0;
        foreach (byte b in lengthBytes) length = (length << 8) | b;
        if (length < 56) Throw($"length {length} must use the short form", position);
        if (length > int.MaxValue) Throw($"length {length} overruns the input", position);
        return (int)length;
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNoMoreItems() => throw new RlpException("RLP: no more items to read");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(string problem, int position) =>
        throw new RlpException($"RLP: {problem} (at offset {position}).");
}
