using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles;

/// <summary>0x04 IDENTITY (Frontier): returns its input.</summary>
public sealed class IdentityPrecompile : IPrecompile
{
    public static readonly IdentityPrecompile Instance = new();

    private IdentityPrecompile() { }

    public long RequiredGas(ReadOnlySpan<byte> input, Fork fork) => PrecompileGas.Linear(input.Length, 15, 3);

    public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork) => new(true, input.ToArray());
}
