using System.Numerics;
using System.Runtime.CompilerServices;

namespace OasisEth.Evm.Precompiles;

/// <summary>
/// The BLAKE2b compression function F (RFC 7693 section 3.2) with an arbitrary round count, as EIP-152 needs;
/// library BLAKE2b implementations fix the count at 12. The 16-word working vector lives in locals so the JIT
/// can keep it in registers.
/// </summary>
internal static class Blake2Compression
{
    private const ulong Iv0 = 0x6a09e667f3bcc908, Iv1 = 0xbb67ae8584caa73b, Iv2 = 0x3c6ef372fe94f82b, Iv3 = 0xa54ff53a5f1d36f1;
    private const ulong Iv4 = 0x510e527fade682d1, Iv5 = 0x9b05688c2b3e6c1f, Iv6 = 0x1f83d9abfb41bd6b, Iv7 = 0x5be0cd19137e2179;

    /// <summary>Message word schedule; round i uses row i mod 10.</summary>
    private static ReadOnlySpan<byte> Sigma =>
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
        11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
        7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
        9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
        2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
        12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
        13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
        6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
        10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
    ];

    /// <summary>Compresses message block <paramref name="m"/> (16 words) into state <paramref name="h"/> (8 words) in place.</summary>
    public static void Compress(uint rounds, Span<ulong> h, ReadOnlySpan<ulong> m, ulong t0, ulong t1, bool finalBlock)
    {
        ulong v0 = h[0], v1 = h[1], v2 = h[2], v3 = h[3], v4 = h[4], v5 = h[5], v6 = h[6], v7 = h[7];
        ulong v8 = Iv0, v9 = Iv1, v10 = Iv2, v11 = Iv3;
        ulong v12 = Iv4 ^ t0, v13 = Iv5 ^ t1, v14 = finalBlock ? ~Iv6 : Iv6, v15 = Iv7;

        ReadOnlySpan<byte> sigma = Sigma;
        int row = 0; // offset of the current sigma row; avoids a modulo per round
        for (uint r = 0; r < rounds; r++)
        {
            ReadOnlySpan<byte> s = sigma.Slice(row, 16);
            G(ref v0, ref v4, ref v8, ref v12, m[s[0]], m[s[1]]);
            G(ref v1, ref v5, ref v9, ref v13, m[s[2]], m[s[3]]);
            G(ref v2, ref v6, ref v10, ref v14, m[s[4]], m[s[5]]);
            G(ref v3, ref v7, ref v11, ref v15, m[s[6]], m[s[7]]);
            G(ref v0, ref v5, ref v10, ref v15, m[s[8]], m[s[9]]);
            G(ref v1, ref v6, ref v11, ref v12, m[s[10]], m[s[11]]);
            G(ref v2, ref v7, ref v8, ref v13, m[s[12]], m[s[13]]);
            G(ref v3, ref v4, ref v9, ref v14, m[s[14]], m[s[15]]);
            row += 16;
            if (row == 160) row = 0;
        }

        h[0] ^= v0 ^ v8;
        h[1] ^= v1 ^ v9;
        h[2] ^= v2 ^ v10;
        h[3] ^= v3 ^ v11;
        h[4] ^= v4 ^ v12;
        h[5] ^= v5 ^ v13;
        h[6] ^= v6 ^ v14;
        h[7] ^= v7 ^ v15;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void G(ref ulong a, ref ulong b, ref ulong c, ref ulong d, ulong x, ulong y)
    {
        a += b + x;
        d = BitOperations.RotateRight(d ^ a, 32);
        c += d;
        b = BitOperations.RotateRight(b ^ c, 24);
        a += b + y;
        d = BitOperations.RotateRight(d ^ a, 16);
        c += d;
        b = BitOperations.RotateRight(b ^ c, 63);
    }
}
