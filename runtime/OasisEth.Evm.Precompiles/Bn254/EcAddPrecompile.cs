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

        if (!G1.TryRead(buffer[..64], out G1Affine a, out bool aIsInfinity)
            || !G1.TryRead(buffer[64..], out G1Affine b, out bool bIsInfinity))
        {
            return PrecompileResult.Failure;
        }

        byte[] output = new byte[G1.EncodedLength];
        if (aIsInfinity)
        {
            if (!bIsInfinity) WriteAffine(b.X, b.Y, output);
        }
        else if (bIsInfinity)
        {
            WriteAffine(a.X, a.Y, output);
        }
        else
        {
            AddAffine(a, b, output);
        }
        return new PrecompileResult(true, output);
    }

    /// <summary>
    /// Affine addition of two finite points. Input and output are affine, so this needs the one inversion any
    /// route needs and saves the Jacobian round trip (about 15 field products).
    /// </summary>
    private static void AddAffine(in G1Affine a, in G1Affine b, Span<byte> output)
    {
        Fp lambda;
        if (Fp.AreEqual(a.X, b.X))
        {
            // Same x: either P + P, or P + (-P) = infinity (output stays zero). G1 has no point of order 2, so
            // y ≠ 0 when doubling.
            if (!Fp.AreEqual(a.Y, b.Y)) return;
            Fp xx = Fp.Square(a.X);
            lambda = Fp.Multiply(Fp.Add(Fp.Double(xx), xx), Fp.Inverse(Fp.Double(a.Y))); // 3x^2 / 2y
        }
        else
        {
            lambda = Fp.Multiply(Fp.Subtract(b.Y, a.Y), Fp.Inverse(Fp.Subtract(b.X, a.X)));
        }
        Fp x3 = Fp.Subtract(Fp.Subtract(Fp.Square(lambda), a.X), b.X);
        Fp y3 = Fp.Subtract(Fp.Multiply(lambda, Fp.Subtract(a.X, x3)), a.Y);
        WriteAffine(x3, y3, output);
    }

    private static void WriteAffine(in Fp x, in Fp y, Span<byte> output)
    {
        x.Write(output[..32]);
        y.Write(output[32..64]);
    }
}
