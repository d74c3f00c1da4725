using System.Buffers.Binary;
using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles;

/// <summary>
/// 0x09 BLAKE2F (EIP-152, Istanbul): the BLAKE2b compression function F with a caller-chosen round count.
/// Input is exactly 213 bytes: rounds (uint32 big-endian) | h (8 x uint64 LE) | m (16 x uint64 LE) |
/// t (2 x uint64 LE) | f (one byte, 0 or 1). Output: the new h, 64 bytes. Gas = rounds.
/// </summary>
public sealed class Blake2FPrecompile : IPrecompile
{
    public static readonly Blake2FPrecompile Instance = new();

    public const int InputLength = 213;

    private Blake2FPrecompile() { }

    /// <summary>
    /// Gas = rounds. A malformed length costs 0 here and then fails in <see cref="Run"/>, which consumes all gas
    /// given to the call anyway (same outcome as any other client).
    /// </summary>
    public long RequiredGas(ReadOnlySpan<byte> input, Fork fork) =>
        input.Length == InputLength ? BinaryPrimitives.ReadUInt32BigEndian(input) : 0;

    public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork)
    {
        if (input.Length != InputLength) return PrecompileResult.Failure;
        byte finalFlag = input[212];
        if (finalFlag > 1) return PrecompileResult.Failure;

        uint rounds = BinaryPrimitives.ReadUInt32BigEndian(input);
        Span<ulong> h = stackalloc ulong[8];
        Span<ulong> m = stackalloc ulong[16];
        for (int i = 0; i < 8; i++) h[i] = BinaryPrimitives.ReadUInt64LittleEndian(input.Slice(4 + i * 8, 8));
        for (int i = 0; i < 16; i++) m[i] = BinaryPrimitives.ReadUInt64LittleEndian(input.Slice(68 + i * 8, 8));
        ulong t0 = BinaryPrimitives.ReadUInt64LittleEndian(input.Slice(196, 8));
        ulong t1 = BinaryPrimitives.ReadUInt64LittleEndian(input.Slice(204, 8));

        Blake2Compression.Compress(rounds, h, m, t0, t1, finalFlag == 1);

        byte[] output = new byte[64];
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteUInt64LittleEndian(output.AsSpan(i * 8, 8), h[i]);
        return new PrecompileResult(true, output);
    }
}
