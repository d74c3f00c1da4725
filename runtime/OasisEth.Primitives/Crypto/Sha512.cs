using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace OasisEth.Primitives;

/// <summary>
/// The SHA-512 family's compression and padding (FIPS 180-4 §6.4), managed. Two members use it: SHA-512 itself
/// (<see cref="Sha512()"/>: dev wallets' BIP-39/BIP-32 derivation) and SHA-512/256 (<see cref="Sha512_256Iv"/>:
/// Oasis hashes every MKVS node with it, see OasisEth.Mkvs.Sha512_256). .NET's SHA-512 is OpenSSL on Linux, and a
/// process that needs no other OpenSSL function should not load it for this; SHA-512/256 .NET has not at all.
/// Append parts, then <see cref="Finish"/>, so callers never build a joined buffer.
/// </summary>
[SkipLocalsInit]
public ref struct Sha512
{
    public const int BlockSize = 128;
    public const int Size = 64;

    private State _state;
    private Block _buffer;
    private int _buffered;
    private ulong _totalBytes;

    /// <summary>SHA-512.</summary>
    public Sha512() : this(Sha512InitialValues)
    {
    }

    private Sha512(ReadOnlySpan<ulong> initialValues)
    {
        initialValues.CopyTo(_state);
    }

    /// <summary>SHA-512/256 (FIPS 180-4 §5.3.6.2): SHA-512 from its own initial values; take the first 32 bytes of the
    /// output.</summary>
    public static Sha512 Sha512_256Iv() => new(Sha512_256InitialValues);

    // FIPS 180-4 §5.3.5.
    private static ReadOnlySpan<ulong> Sha512InitialValues =>
    [
        0x6A09E667F3BCC908UL, 0xBB67AE8584CAA73BUL, 0x3C6EF372FE94F82BUL, 0xA54FF53A5F1D36F1UL,
        0x510E527FADE682D1UL, 0x9B05688C2B3E6C1FUL, 0x1F83D9ABFB41BD6BUL, 0x5BE0CD19137E2179UL,
    ];

    // FIPS 180-4 §5.3.6.2.
    private static ReadOnlySpan<ulong> Sha512_256InitialValues =>
    [
        0x22312194FC2BF72CUL, 0x9F555FA3C84C64C2UL, 0x2393B86B6F53B151UL, 0x963877195940EABDUL,
        0x96283EE2A88EFFE3UL, 0xBE5E1E2553863992UL, 0x2B0199FC2C85B8AAUL, 0x0EB72DDC81C52CA2UL,
    ];

    /// <summary>The 64-byte SHA-512 digest of <paramref name="data"/>.</summary>
    public static void Hash(scoped ReadOnlySpan<byte> data, scoped Span<byte> output)
    {
        var h = new Sha512();
        h.Append(data);
        h.Finish(output);
    }

    public void Append(byte value)
    {
        _buffer[_buffered++] = value;
        if (_buffered == BlockSize)
        {
            Compress(ref _state, _buffer);
            _buffered = 0;
        }
        _totalBytes++;
    }

    public void AppendUInt16LittleEndian(ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        Append(b);
    }

    public void AppendUInt32LittleEndian(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        Append(b);
    }

    public void Append(scoped ReadOnlySpan<byte> data)
    {
        _totalBytes += (ulong)data.Length;
        if (_buffered > 0)
        {
            int take = Math.Min(BlockSize - _buffered, data.Length);
            data[..take].CopyTo(((Span<byte>)_buffer)[_buffered..]);
            _buffered += take;
            data = data[take..];
            if (_buffered < BlockSize) return;
            Compress(ref _state, _buffer);
            _buffered = 0;
        }
        while (data.Length >= BlockSize)
        {
            Compress(ref _state, data[..BlockSize]);
            data = data[BlockSize..];
        }
        data.CopyTo(_buffer);
        _buffered = data.Length;
    }

    /// <summary>Pads, compresses the last block and writes the first <c>output.Length</c> bytes (a multiple of 8, at
    /// most 64) of the big-endian state.</summary>
    public void Finish(scoped Span<byte> output)
    {
        if (output.Length > Size || (output.Length & 7) != 0)
            throw new ArgumentException("SHA-512 output is 8 to 64 bytes in whole words.", nameof(output));
        Span<byte> block = _buffer;
        block[_buffered] = 0x80;
        // The message length goes in the last 16 bytes (a 128-bit big-endian bit count).
        if (_buffered + 1 > BlockSize - 16)
        {
            block[(_buffered + 1)..].Clear();
            Compress(ref _state, block);
            block.Clear();
        }
        else
        {
            block[(_buffered + 1)..(BlockSize - 16)].Clear();
        }
        BinaryPrimitives.WriteUInt64BigEndian(block[(BlockSize - 16)..], _totalBytes >> 61);
        BinaryPrimitives.WriteUInt64BigEndian(block[(BlockSize - 8)..], _totalBytes << 3);
        Compress(ref _state, block);

        for (int i = 0; i < output.Length / 8; i++) BinaryPrimitives.WriteUInt64BigEndian(output[(i * 8)..], _state[i]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Compress(ref State state, scoped ReadOnlySpan<byte> block)
    {
        Schedule w = default;
        for (int i = 0; i < 16; i++) w[i] = BinaryPrimitives.ReadUInt64BigEndian(block[(i * 8)..]);

        ulong a = state[0], b = state[1], c = state[2], d = state[3];
        ulong e = state[4], f = state[5], g = state[6], h = state[7];
        ReadOnlySpan<ulong> k = K;

        // Eight rounds per iteration with the working variables renamed instead of shifted, so the
        // loop body has no register shuffles.
        for (int t = 0; t < 80; t += 8)
        {
            Round(a, b, c, ref d, e, f, g, ref h, k[t] + Word(ref w, t));
            Round(h, a, b, ref c, d, e, f, ref g, k[t + 1] + Word(ref w, t + 1));
            Round(g, h, a, ref b, c, d, e, ref f, k[t + 2] + Word(ref w, t + 2));
            Round(f, g, h, ref a, b, c, d, ref e, k[t + 3] + Word(ref w, t + 3));
            Round(e, f, g, ref h, a, b, c, ref d, k[t + 4] + Word(ref w, t + 4));
            Round(d, e, f, ref g, h, a, b, ref c, k[t + 5] + Word(ref w, t + 5));
            Round(c, d, e, ref f, g, h, a, ref b, k[t + 6] + Word(ref w, t + 6));
            Round(b, c, d, ref e, f, g, h, ref a, k[t + 7] + Word(ref w, t + 7));
        }

        state[0] += a; state[1] += b; state[2] += c; state[3] += d;
        state[4] += e; state[5] += f; state[6] += g; state[7] += h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Word(ref Schedule w, int t)
    {
        if (t < 16) return w[t];
        ulong w15 = w[(t - 15) & 15], w2 = w[(t - 2) & 15];
        ulong s0 = BitOperations.RotateRight(w15, 1) ^ BitOperations.RotateRight(w15, 8) ^ (w15 >> 7);
        ulong s1 = BitOperations.RotateRight(w2, 19) ^ BitOperations.RotateRight(w2, 61) ^ (w2 >> 6);
        return w[t & 15] += s0 + w[(t - 7) & 15] + s1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ulong a, ulong b, ulong c, ref ulong d, ulong e, ulong f, ulong g, ref ulong h, ulong kw)
    {
        ulong t1 = h + (BitOperations.RotateRight(e, 14) ^ BitOperations.RotateRight(e, 18) ^ BitOperations.RotateRight(e, 41))
            + ((e & f) ^ (~e & g)) + kw;
        ulong t2 = (BitOperations.RotateRight(a, 28) ^ BitOperations.RotateRight(a, 34) ^ BitOperations.RotateRight(a, 39))
            + ((a & b) ^ (a & c) ^ (b & c));
        d += t1;
        h = t1 + t2;
    }

    [InlineArray(8)]
    private struct State { private ulong _e; }

    [InlineArray(16)]
    private struct Schedule { private ulong _e; }

    [InlineArray(BlockSize)]
    private struct Block { private byte _e; }

    // First 64 bits of the fractional parts of the cube roots of the first 80 primes (FIPS 180-4 §4.2.3).
    private static ReadOnlySpan<ulong> K =>
    [
        0x428A2F98D728AE22UL, 0x7137449123EF65CDUL, 0xB5C0FBCFEC4D3B2FUL, 0xE9B5DBA58189DBBCUL,
        0x3956C25BF348B538UL, 0x59F111F1B605D019UL, 0x923F82A4AF194F9BUL, 0xAB1C5ED5DA6D8118UL,
        0xD807AA98A3030242UL, 0x12835B0145706FBEUL, 0x243185BE4EE4B28CUL, 0x550C7DC3D5FFB4E2UL,
        0x72BE5D74F27B896FUL, 0x80DEB1FE3B1696B1UL, 0x9BDC06A725C71235UL, 0xC19BF174CF692694UL,
        0xE49B69C19EF14AD2UL, 0xEFBE4786384F25E3UL, 0x0FC19DC68B8CD5B5UL, 0x240CA1CC77AC9C65UL,
        0x2DE92C6F592B0275UL, 0x4A7484AA6EA6E483UL, 0x5CB0A9DCBD41FBD4UL, 0x76F988DA831153B5UL,
        0x983E5152EE66DFABUL, 0xA831C66D2DB43210UL, 0xB00327C898FB213FUL, 0xBF597FC7BEEF0EE4UL,
        0xC6E00BF33DA88FC2UL, 0xD5A79147930AA725UL, 0x06CA6351E003826FUL, 0x142929670A0E6E70UL,
        0x27B70A8546D22FFCUL, 0x2E1B21385C26C926UL, 0x4D2C6DFC5AC42AEDUL, 0x53380D139D95B3DFUL,
        0x650A73548BAF63DEUL, 0x766A0ABB3C77B2A8UL, 0x81C2C92E47EDAEE6UL, 0x92722C851482353BUL,
        0xA2BFE8A14CF10364UL, 0xA81A664BBC423001UL, 0xC24B8B70D0F89791UL, 0xC76C51A30654BE30UL,
        0xD192E819D6EF5218UL, 0xD69906245565A910UL, 0xF40E35855771202AUL, 0x106AA07032BBD1B8UL,
        0x19A4C116B8D2D0C8UL, 0x1E376C085141AB53UL, 0x2748774CDF8EEB99UL, 0x34B0BCB5E19B48A8UL,
        0x391C0CB3C5C95A63UL, 0x4ED8AA4AE3418ACBUL, 0x5B9CCA4F7763E373UL, 0x682E6FF3D6B2B8A3UL,
        0x748F82EE5DEFB2FCUL, 0x78A5636F43172F60UL, 0x84C87814A1F0AB72UL, 0x8CC702081A6439ECUL,
        0x90BEFFFA23631E28UL, 0xA4506CEBDE82BDE9UL, 0xBEF9A3F7B2C67915UL, 0xC67178F2E372532BUL,
        0xCA273ECEEA26619CUL, 0xD186B8C721C0C207UL, 0xEADA7DD6CDE0EB1EUL, 0xF57D4F7FEE6ED178UL,
        0x06F067AA72176FBAUL, 0x0A637DC5A2C898A6UL, 0x113F9804BEF90DAEUL, 0x1B710B35131C471BUL,
        0x28DB77F523047D84UL, 0x32CAAB7B40C72493UL, 0x3C9EBE0A15C9BEBCUL, 0x431D67C49C100D4CUL,
        0x4CC5D4BECB3E42B6UL, 0x597F299CFC657E2AUL, 0x5FCB6FAB3AD6FAECUL, 0x6C44198C4A475817UL,
    ];
}
