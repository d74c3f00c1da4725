using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles;

/// <summary>
/// A precompiled contract. Implementations are stateless singletons, safe to call from several threads.
/// The interpreter charges <see cref="RequiredGas"/> before it calls <see cref="Run"/>, so Run only sees inputs
/// whose price the caller could pay.
/// </summary>
public interface IPrecompile
{
    /// <summary>Gas for this input under <paramref name="fork"/>; <see cref="long.MaxValue"/> means "cannot be paid".</summary>
    long RequiredGas(ReadOnlySpan<byte> input, Fork fork);

    PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork);
}
