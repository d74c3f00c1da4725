using System.Buffers.Binary;
using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Bn254;

/// <summary>
/// 0x07 ECMUL (EIP-196, Byzantium): s·P on alt_bn128 G1. Input right-padded with zeros (or truncated) to 96
/// bytes: x, y, s as 32-byte big-endian words; (0, 0) is infinity; s is any 256-bit value (it is not reduced
/// mod r: the result is the same). Invalid points fail the call. Output: x, y of the product (64 bytes).
/// Gas 40000, 6000 from Istanbul (EIP-1108).
/// </summary>
public sealed class EcMulPrecompile : IPrecompile
{
    public static readonly EcMulPrecompile Instance = new();

    private const int InputLength = 96;
    private const long GasEip196 = 40000;
    private const long GasEip1108 = 6000;

    private EcMulPrecompile() { }

    public long RequiredGas(ReadOnlySpan<byte> input, Fork fork) => fork >= Fork.Istanbul ? GasEip1108 : GasEip196;

    public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork)
    {
        Span<byte> buffer = stackalloc byte[InputLength];
        buffer.Clear();
        input[..Math.Min(input.Length, InputLength)].CopyTo(buffer);

        if (!G1.TryRead(buffer[..64], out JacobianPoint<Fp> point)) return PrecompileResult.Failure;

        Span<ulong> scalar = stackalloc ulong[4];
        for (int i = 0; i < 4; i++) scalar[i] = BinaryPrimitives.ReadUInt64BigEndian(buffer.Slice(88 - 8 * i, 8));

        byte[] output = new byte[G1.EncodedLength];
        G1.Write(JacobianPoint<Fp>.Multiply(point, scalar), output);
        return new PrecompileResult(true, output);
    }
}
