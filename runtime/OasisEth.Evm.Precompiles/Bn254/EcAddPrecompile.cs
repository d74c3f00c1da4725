using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Bn254;

/// <summary>
/// 0x06 ECADD (EIP-196, Byzantium): P + Q on alt_bn128 G1. Input right-padded with zeros (or truncated) to 128
/// bytes: x1, y1, x2, y2 as 32-byte big-endian words; (0, 0) is infinity. A coordinate ≥ p or a point off the
/// curve fails the call. Output: the sum's x, y (64 bytes, infinity as zeros).
/// Gas 500, 150 from Istanbul (EIP-1108).
/// </summary>
public sealed class EcAddPrecompile : IPrecompile
{
    public static readonly EcAddPrecompile Instance = new();

    private const int InputLength = 128;
    private const long GasEip196 = 500;
    private const long GasEip1108 = 150;

    private EcAddPrecompile() { }

    public long RequiredGas(ReadOnlySpan<byte> input, Fork fork) => fork >= Fork.Istanbul ? GasEip1108 : GasEip196;

    public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork)
    {
        Span<byte> buffer = stackalloc byte[InputLength];
        buffer.Clear();
        input[..Math.Min(input.Length, InputLength)].CopyTo(buffer);

        if (!G1.TryRead(buffer[..64], out JacobianPoint<Fp> a) || !G1.TryRead(buffer[64..], out JacobianPoint<Fp> b))
            return PrecompileResult.Failure;

        byte[] output = new byte[G1.EncodedLength];
        G1.Write(JacobianPoint<Fp>.Add(a, b), output);
        return new PrecompileResult(true, output);
    }
}
