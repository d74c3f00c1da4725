namespace OasisEth.Evm.Precompiles.Bls12381;

internal static partial class Pairing
{
    /// <summary>
    /// The Miller-loop lines of one fixed G2 point, computed once. Every line the loop multiplies in has the shape
    /// (l0, l1·(-xP), l2·yP) with l0, l1, l2 depending on Q alone (see <see cref="DoublingStep"/> and
    /// <see cref="AdditionStep"/>), so for a G2 point known in advance (the KZG check's -G2 and [τ]G2) the whole
    /// twist-point arithmetic — about a third of a Miller loop — moves to start-up. The lines are the very values
    /// the generic loop computes, so the Miller-loop value is identical.
    /// </summary>
    public sealed class FixedLines
    {
        /// <summary>Lines in loop order: the doubling line of each bit, then the addition line on set bits.</summary>
        internal readonly Fp2[] L0, L1, L2;

        /// <summary>
        /// The same lines divided by their l2 coefficient: an Fp2 factor, which the final exponentiation removes
        /// (c^(p^6 - 1) = 1 for c in Fp2). With l2 = 1 the product with the line needs 10 Fp2 multiplications, not 13.
        /// </summary>
        internal readonly Fp2[] L0OverL2, L1OverL2;

        public FixedLines(in Fp2 qx, in Fp2 qy)
        {
            int count = 63 + System.Numerics.BitOperations.PopCount(AbsX) - 1; // the top bit starts T = Q, no line
            L0 = new Fp2[count];
            L1 = new Fp2[count];
            L2 = new Fp2[count];
            // Feeding the step functions xP = -1 (negPx = 1) and yP = 1 leaves l1 and l2 unscaled.
            Fp one = Fp.One;
            var t = JacobianPoint<Fp2>.FromAffine(qx, qy);
            int k = 0;
            for (int bit = 62; bit >= 0; bit--)
            {
                DoublingStep(ref t, one, one, out L0[k], out L1[k], out L2[k]);
                k++;
                if (((AbsX >> bit) & 1) == 0) continue;
                AdditionStep(ref t, qx, qy, one, one, out L0[k], out L1[k], out L2[k]);
                k++;
            }
            L0OverL2 = new Fp2[count];
            L1OverL2 = new Fp2[count];
            for (int i = 0; i < count; i++)
            {
                // l2 = 2Y·Z^3 or Z·H: never zero for a point of order r (the loop never meets infinity).
                Fp2 inv = Fp2.Inverse(L2[i]);
                L0OverL2[i] = L0[i] * inv;
                L1OverL2[i] = L1[i] * inv;
            }
        }
    }

    /// <summary>One pair of the fixed-line Miller loop: a finite affine G1 point and the lines of its G2 partner.</summary>
    public readonly struct FixedPairInput(in Fp px, in Fp py, FixedLines lines)
    {
        public readonly Fp NegPx = -px, Py = py;
        public readonly FixedLines Lines = lines;
    }

    /// <summary>Whether Π e(P_i, Q_i) = 1 for G2 points given by their precomputed lines.</summary>
    public static bool ProductIsOne(ReadOnlySpan<FixedPairInput> pairs)
    {
        if (pairs.Length == 0) return true;
        return FinalExponentiation(MillerLoopNormalized(pairs)).IsOne;
    }

    /// <summary>
    /// The fixed-line Miller loop with every line scaled by 1/(l2·yP) (Fp2 and Fp factors, removed by the final
    /// exponentiation): the line becomes (l0/l2 · 1/yP, l1/l2 · (-xP/yP), 1). Equals <see cref="MillerLoop(ReadOnlySpan{FixedPairInput})"/>
    /// up to such factors, so after the final exponentiation the two agree exactly. Falls back to the plain loop for
    /// yP = 0 (a point of order 2, never in G1).
    /// </summary>
    public static Fp12 MillerLoopNormalized(ReadOnlySpan<FixedPairInput> pairs)
    {
        Span<Fp> scale0 = stackalloc Fp[pairs.Length];
        Span<Fp> scale1 = stackalloc Fp[pairs.Length];
        for (int i = 0; i < pairs.Length; i++)
        {
            if (pairs[i].Py.IsZero) return MillerLoop(pairs);
            scale0[i] = Fp.Inverse(pairs[i].Py);
            scale1[i] = pairs[i].NegPx * scale0[i];
        }
        Fp12 f = Fp12.One;
        int k = 0;
        for (int bit = 62; bit >= 0; bit--)
        {
            f = Fp12.Square(f);
            for (int i = 0; i < pairs.Length; i++) f = MulByNormalizedLine(f, pairs[i].Lines, k, scale0[i], scale1[i]);
            k++;
            if (((AbsX >> bit) & 1) == 0) continue;
            for (int i = 0; i < pairs.Length; i++) f = MulByNormalizedLine(f, pairs[i].Lines, k, scale0[i], scale1[i]);
            k++;
        }
        return Fp12.Conjugate(f); // x is negative
    }

    private static Fp12 MulByNormalizedLine(in Fp12 f, FixedLines lines, int k, in Fp scale0, in Fp scale1) =>
        Fp12.MulByLineUnitW3(f, Fp2.MulByFp(lines.L0OverL2[k], scale0), Fp2.MulByFp(lines.L1OverL2[k], scale1));

    /// <summary>The Miller loop of <see cref="MillerLoop(ReadOnlySpan{PairInput})"/> with the lines read from tables.</summary>
    public static Fp12 MillerLoop(ReadOnlySpan<FixedPairInput> pairs)
    {
        Fp12 f = Fp12.One;
        int k = 0;
        for (int bit = 62; bit >= 0; bit--)
        {
            f = Fp12.Square(f);
            for (int i = 0; i < pairs.Length; i++) f = MulByFixedLine(f, pairs[i], k);
            k++;
            if (((AbsX >> bit) & 1) == 0) continue;
            for (int i = 0; i < pairs.Length; i++) f = MulByFixedLine(f, pairs[i], k);
            k++;
        }
        return Fp12.Conjugate(f); // x is negative
    }

    private static Fp12 MulByFixedLine(in Fp12 f, in FixedPairInput pair, int k)
    {
        FixedLines lines = pair.Lines;
        return Fp12.MulByLine(f, lines.L0[k], Fp2.MulByFp(lines.L1[k], pair.NegPx), Fp2.MulByFp(lines.L2[k], pair.Py));
    }
}
