using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OasisEth.Primitives;

/// <summary>
/// Keccak-256 as Ethereum uses it: the original Keccak padding (0x01 .. 0x80), not SHA3-256's (0x06 .. 0x80).
/// </summary>
/// <remarks>
/// Our own Keccak-f[1600]: the 25 lanes live in locals for the whole hash, each round's theta, rho/pi, chi and
/// iota steps are written out lane by lane (generated, not typed, so no offset can be mistyped), and the final
/// padded block is built in a stackalloc buffer, so a call allocates nothing.
/// Chosen over BouncyCastle's <c>KeccakDigest(256)</c> by <c>KeccakBenchmarks</c> (BenchmarkDotNet 0.15.8,
/// .NET 10, 2-core x64 shared box, 2026-11):
/// 64 bytes: ours 377.8 ns, BouncyCastle 460.5 ns (1.22x); 32 KiB: ours 86.0 us (~380 MB/s), BouncyCastle
/// 106.0 us (1.23x); neither allocates (BouncyCastle measured with one digest reused; a fresh digest per call
/// would also allocate). Ours is the faster, so it is the implementation.
/// </remarks>
public static class Keccak
{
    /// <summary>Bytes absorbed per permutation: 1600 - 2 * 256 bits = 136 bytes = 17 lanes.</summary>
    private const int Rate = 136;
    private const int Rounds = 24;

    public static Hash256 Compute(ReadOnlySpan<byte> input)
    {
        Hash256 hash = default;
        Compute(input, MemoryMarshal.AsBytes(new Span<Hash256>(ref hash)));
        return hash;
    }

    [SkipLocalsInit]
    public static void Compute(ReadOnlySpan<byte> input, Span<byte> output32)
    {
        if (output32.Length < 32) ThrowOutputTooShort(output32.Length);

        ulong a00 = 0, a01 = 0, a02 = 0, a03 = 0, a04 = 0;
        ulong a05 = 0, a06 = 0, a07 = 0, a08 = 0, a09 = 0;
        ulong a10 = 0, a11 = 0, a12 = 0, a13 = 0, a14 = 0;
        ulong a15 = 0, a16 = 0, a17 = 0, a18 = 0, a19 = 0;
        ulong a20 = 0, a21 = 0, a22 = 0, a23 = 0, a24 = 0;

        Span<byte> last = stackalloc byte[Rate];
        ReadOnlySpan<ulong> rc = RoundConstants;
        bool final = false;
        while (true)
        {
            scoped ReadOnlySpan<byte> block;
            if (input.Length >= Rate)
            {
                block = input[..Rate];
                input = input[Rate..];
            }
            else
            {
                // Keccak pad10*1 with the original domain byte 0x01; both pad bits land in one byte
                // when exactly 135 bytes remain (0x01 | 0x80 = 0x81).
                last.Clear();
                input.CopyTo(last);
                last[input.Length] = 0x01;
                last[Rate - 1] |= 0x80;
                block = last;
                final = true;
            }

            ref byte p = ref MemoryMarshal.GetReference(block);
            a00 ^= Lane(ref p, 0);
            a01 ^= Lane(ref p, 1);
            a02 ^= Lane(ref p, 2);
            a03 ^= Lane(ref p, 3);
            a04 ^= Lane(ref p, 4);
            a05 ^= Lane(ref p, 5);
            a06 ^= Lane(ref p, 6);
            a07 ^= Lane(ref p, 7);
            a08 ^= Lane(ref p, 8);
            a09 ^= Lane(ref p, 9);
            a10 ^= Lane(ref p, 10);
            a11 ^= Lane(ref p, 11);
            a12 ^= Lane(ref p, 12);
            a13 ^= Lane(ref p, 13);
            a14 ^= Lane(ref p, 14);
            a15 ^= Lane(ref p, 15);
            a16 ^= Lane(ref p, 16);

            for (int round = 0; round < Rounds; round++)
            {
                ulong c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
                ulong c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
                ulong c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
                ulong c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
                ulong c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
                ulong d0 = c4 ^ BitOperations.RotateLeft(c1, 1);
                ulong d1 = c0 ^ BitOperations.RotateLeft(c2, 1);
                ulong d2 = c1 ^ BitOperations.RotateLeft(c3, 1);
                ulong d3 = c2 ^ BitOperations.RotateLeft(c4, 1);
                ulong d4 = c3 ^ BitOperations.RotateLeft(c0, 1);
                ulong b00 = a00 ^ d0;
                ulong b10 = BitOperations.RotateLeft(a01 ^ d1, 1);
                ulong b20 = BitOperations.RotateLeft(a02 ^ d2, 62);
                ulong b05 = BitOperations.RotateLeft(a03 ^ d3, 28);
                ulong b15 = BitOperations.RotateLeft(a04 ^ d4, 27);
                ulong b16 = BitOperations.RotateLeft(a05 ^ d0, 36);
                ulong b01 = BitOperations.RotateLeft(a06 ^ d1, 44);
                ulong b11 = BitOperations.RotateLeft(a07 ^ d2, 6);
                ulong b21 = BitOperations.RotateLeft(a08 ^ d3, 55);
                ulong b06 = BitOperations.RotateLeft(a09 ^ d4, 20);
                ulong b07 = BitOperations.RotateLeft(a10 ^ d0, 3);
                ulong b17 = BitOperations.RotateLeft(a11 ^ d1, 10);
                ulong b02 = BitOperations.RotateLeft(a12 ^ d2, 43);
                ulong b12 = BitOperations.RotateLeft(a13 ^ d3, 25);
                ulong b22 = BitOperations.RotateLeft(a14 ^ d4, 39);
                ulong b23 = BitOperations.RotateLeft(a15 ^ d0, 41);
                ulong b08 = BitOperations.RotateLeft(a16 ^ d1, 45);
                ulong b18 = BitOperations.RotateLeft(a17 ^ d2, 15);
                ulong b03 = BitOperations.RotateLeft(a18 ^ d3, 21);
                ulong b13 = BitOperations.RotateLeft(a19 ^ d4, 8);
                ulong b14 = BitOperations.RotateLeft(a20 ^ d0, 18);
                ulong b24 = BitOperations.RotateLeft(a21 ^ d1, 2);
                ulong b09 = BitOperations.RotateLeft(a22 ^ d2, 61);
                ulong b19 = BitOperations.RotateLeft(a23 ^ d3, 56);
                ulong b04 = BitOperations.RotateLeft(a24 ^ d4, 14);
                a00 = b00 ^ (~b01 & b02);
                a01 = b01 ^ (~b02 & b03);
                a02 = b02 ^ (~b03 & b04);
                a03 = b03 ^ (~b04 & b00);
                a04 = b04 ^ (~b00 & b01);
                a05 = b05 ^ (~b06 & b07);
                a06 = b06 ^ (~b07 & b08);
                a07 = b07 ^ (~b08 & b09);
                a08 = b08 ^ (~b09 & b05);
                a09 = b09 ^ (~b05 & b06);
                a10 = b10 ^ (~b11 & b12);
                a11 = b11 ^ (~b12 & b13);
                a12 = b12 ^ (~b13 & b14);
                a13 = b13 ^ (~b14 & b10);
                a14 = b14 ^ (~b10 & b11);
                a15 = b15 ^ (~b16 & b17);
                a16 = b16 ^ (~b17 & b18);
                a17 = b17 ^ (~b18 & b19);
                a18 = b18 ^ (~b19 & b15);
                a19 = b19 ^ (~b15 & b16);
                a20 = b20 ^ (~b21 & b22);
                a21 = b21 ^ (~b22 & b23);
                a22 = b22 ^ (~b23 & b24);
                a23 = b23 ^ (~b24 & b20);
                a24 = b24 ^ (~b20 & b21);
                a00 ^= rc[round];
            }

            if (final) break;
        }

        BinaryPrimitives.WriteUInt64LittleEndian(output32, a00);
        BinaryPrimitives.WriteUInt64LittleEndian(output32[8..], a01);
        BinaryPrimitives.WriteUInt64LittleEndian(output32[16..], a02);
        BinaryPrimitives.WriteUInt64LittleEndian(output32[24..], a03);
    }

    /// <summary>Lane <paramref name="index"/> of a 136-byte block, read little-endian (the caller checked the length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Lane(ref byte block, int index)
    {
        ulong v = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref block, index * 8));
        return BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v);
    }

    /// <summary>Iota constants, from the FIPS 202 rc(t) LFSR.</summary>
    private static ReadOnlySpan<ulong> RoundConstants =>
    [
        0x0000000000000001UL,
        0x0000000000008082UL,
        0x800000000000808AUL,
        0x8000000080008000UL,
        0x000000000000808BUL,
        0x0000000080000001UL,
        0x8000000080008081UL,
        0x8000000000008009UL,
        0x000000000000008AUL,
        0x0000000000000088UL,
        0x0000000080008009UL,
        0x000000008000000AUL,
        0x000000008000808BUL,
        0x800000000000008BUL,
        0x8000000000008089UL,
        0x8000000000008003UL,
        0x8000000000008002UL,
        0x8000000000000080UL,
        0x000000000000800AUL,
        0x800000008000000AUL,
        0x8000000080008081UL,
        0x8000000000008080UL,
        0x0000000080000001UL,
        0x8000000080008008UL
    ];

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOutputTooShort(int length) =>
        throw new ArgumentException($"Keccak-256 writes 32 bytes; the output span has {length}.");
}
