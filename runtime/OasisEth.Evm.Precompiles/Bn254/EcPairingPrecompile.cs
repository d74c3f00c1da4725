using System.Buffers;
using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Bn254;

/// <summary>
/// 0x08 ECPAIRING (EIP-197, Byzantium): checks e(P1, Q1)·…·e(Pk, Qk) = 1 on alt_bn128. Input: k pairs of
/// 192 bytes (the length must be a multiple of 192): P as x, y (G1, 64 bytes), then Q as x.im, x.re, y.im,
/// y.re (G2, 128 bytes, imaginary parts first). Coordinates ≥ p, points off their curve and Q outside the
/// order-r subgroup fail the call; all zeros is infinity. Output: 32-byte 1 when the product is 1, else 0;
/// empty input gives 1. Gas 100000 + 80000·k, from Istanbul 45000 + 34000·k (EIP-1108).
/// </summary>
public sealed class EcPairingPrecompile : IPrecompile
{
    public static readonly EcPairingPrecompile Instance = new();

    private const int PairLength = G1.EncodedLength + G2.EncodedLength;
    private const long BaseGasEip197 = 100000, PairGasEip197 = 80000;
    private const long BaseGasEip1108 = 45000, PairGasEip1108 = 34000;

    /// <summary>
    /// Pair count kept on the stack (384 bytes per pair). Larger inputs use pooled arrays: interpreter threads
    /// may run on small stacks, and a payable input can hold hundreds of pairs.
    /// </summary>
    private const int StackPairs = 4;

    private EcPairingPrecompile() { }

    /// <summary>k = len / 192 rounded down; a length that is not a multiple of 192 is priced, then fails in Run.</summary>
    public long RequiredGas(ReadOnlySpan<byte> input, Fork fork)
    {
        long pairs = input.Length / PairLength;
        return fork >= Fork.Istanbul ? BaseGasEip1108 + PairGasEip1108 * pairs : BaseGasEip197 + PairGasEip197 * pairs;
    }

    public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork)
    {
        if (input.Length % PairLength != 0) return PrecompileResult.Failure;
        int pairs = input.Length / PairLength;

        G1Affine[]? rentedPs = null;
        G2Affine[]? rentedQs = null;
        JacobianPoint<Fp2>[]? rentedTs = null;
        Span<G1Affine> ps = pairs <= StackPairs ? stackalloc G1Affine[StackPairs] : (rentedPs = ArrayPool<G1Affine>.Shared.Rent(pairs));
        Span<G2Affine> qs = pairs <= StackPairs ? stackalloc G2Affine[StackPairs] : (rentedQs = ArrayPool<G2Affine>.Shared.Rent(pairs));
        Span<JacobianPoint<Fp2>> ts = pairs <= StackPairs
            ? stackalloc JacobianPoint<Fp2>[StackPairs]
            : (rentedTs = ArrayPool<JacobianPoint<Fp2>>.Shared.Rent(pairs));
        try
        {
            // Pairs with an infinite point contribute a factor 1 and are left out, but are still validated.
            int used = 0;
            for (int i = 0; i < pairs; i++)
            {
                ReadOnlySpan<byte> pair = input.Slice(i * PairLength, PairLength);
                if (!G1.TryRead(pair[..G1.EncodedLength], out G1Affine p, out bool pIsInfinity)
                    || !G2.TryRead(pair[G1.EncodedLength..], out G2Affine q, out bool qIsInfinity))
                {
                    return PrecompileResult.Failure;
                }
                if (pIsInfinity || qIsInfinity) continue;
                ps[used] = p;
                qs[used] = q;
                used++;
            }

            bool isOne = Bn254Pairing.Check(ps[..used], qs[..used], ts[..used]);
            byte[] output = new byte[32];
            output[31] = isOne ? (byte)1 : (byte)0;
            return new PrecompileResult(true, output);
        }
        finally
        {
            if (rentedPs is not null) ArrayPool<G1Affine>.Shared.Return(rentedPs);
            if (rentedQs is not null) ArrayPool<G2Affine>.Shared.Return(rentedQs);
            if (rentedTs is not null) ArrayPool<JacobianPoint<Fp2>>.Shared.Return(rentedTs);
        }
    }
}
