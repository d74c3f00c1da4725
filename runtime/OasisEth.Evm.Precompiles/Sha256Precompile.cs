using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles;

/// <summary>0x02 SHA256 (Frontier), on <see cref="Sha256"/>: managed unless <see cref="NativeCrypto"/> is enabled.</summary>
public sealed class Sha256Precompile : IPrecompile
{
    public static readonly Sha256Precompile Instance = new();

    private Sha256Precompile() { }

    public long RequiredGas(ReadOnlySpan<byte> input, Fork fork) => PrecompileGas.Linear(input.Length, 60, 12);

    public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork)
    {
        byte[] output = new byte[32];
        Sha256.Hash(input, output);
        return new PrecompileResult(true, output);
    }
}
