using System.Text;

namespace OasisEth.Ewasm.Validation;

/// <summary>
/// A forward reader over a WebAssembly binary: bytes, LEB128 integers of the widths the format allows, names.
/// Every read is bounds-checked and throws <see cref="InvalidModuleException"/> at the end of the input, so hostile
/// bytes cannot read past it.
/// </summary>
internal ref struct WasmReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    public readonly int Position => _position;

    public readonly bool AtEnd => _position >= _bytes.Length;

    public readonly int Remaining => _bytes.Length - _position;

    public byte ReadByte()
    {
        if (_position >= _bytes.Length) throw new InvalidModuleException($"unexpected end of the module at byte {_position}");
        return _bytes[_position++];
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > Remaining)
            throw new InvalidModuleException($"a length of {count} at byte {_position} runs past the end of the module");
        ReadOnlySpan<byte> span = _bytes.Slice(_position, count);
        _position += count;
        return span;
    }

    /// <summary>An unsigned LEB128 of at most 32 bits (5 bytes; unused high bits of the last byte must be zero).</summary>
    public uint ReadU32()
    {
        uint result = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = ReadByte();
            if (shift == 28 && (b & 0x70) != 0) throw new InvalidModuleException($"an integer at byte {_position - 1} is too large for 32 bits");
            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
            if (shift == 28) throw new InvalidModuleException($"an integer at byte {_position - 1} is longer than 5 bytes");
        }
    }

    /// <summary>A length or count: a u32 that must also fit what is left of the input (at one byte per item).</summary>
    public int ReadCount()
    {
        uint count = ReadU32();
        if (count > (uint)Remaining) throw new InvalidModuleException($"a count of {count} at byte {_position} exceeds the bytes left");
        return (int)count;
    }

    /// <summary>Skips a signed LEB128 of at most <paramref name="bits"/> bits (32 or 64), checking its length and the sign bits.</summary>
    public void SkipSigned(int bits)
    {
        int maxBytes = (bits + 6) / 7;
        for (int i = 0; i < maxBytes; i++)
        {
            byte b = ReadByte();
            if ((b & 0x80) == 0)
            {
                if (i == maxBytes - 1)
                {
                    // The unused bits of the last byte must all equal the sign bit.
                    int used = bits - 7 * i;
                    int unusedMask = (0x7F >> used) << used & 0x7F;
                    int signExtended = (b & (1 << (used - 1))) != 0 ? unusedMask : 0;
                    if ((b & unusedMask) != signExtended) throw new InvalidModuleException($"a signed integer at byte {_position - 1} is too large for {bits} bits");
                }
                return;
            }
        }
        throw new InvalidModuleException($"a signed integer at byte {_position - 1} is longer than {maxBytes} bytes");
    }

    /// <summary>A UTF-8 name (invalid UTF-8 is malformed).</summary>
    public string ReadName()
    {
        ReadOnlySpan<byte> raw = ReadBytes(ReadCount());
        try
        {
            return new UTF8Encoding(false, true).GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidModuleException($"a name before byte {_position} is not valid UTF-8");
        }
    }
}
