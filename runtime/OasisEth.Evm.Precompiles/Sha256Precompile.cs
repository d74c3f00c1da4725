using System.Security.Cryptography;
using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles;

/// <summary>0x02 SHA256 (Frontier). The BCL one-shot hash writes straight into the output array.</summary>
public sealed class Sha256Precompile : IPrecompile
{
    public static readonly Sha256Precompile Instance = new();

    private Sha256Precompile() { }

    public long RequiredGas(ReadOnlySpan<byte> input, Fork fork) => PrecompileGas.Linear(input.Length, 60, 12);

    public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork)
    {
        byte[] output = new byte[32];
        SHA256.HashData(input, output);
        return new PrecompileResult(true, output);
    }
}
