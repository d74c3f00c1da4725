using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles;

/// <summary>
/// MISSING: precompiles registered at their addresses with their real gas rules but whose <c>Run</c> always
/// fails (the call consumes all its gas). To be replaced by the later issue "BN254 (0x06-0x08), KZG point
/// evaluation (0x0a) and BLS12-381 (0x0b-0x11) precompiles". Until then any transaction that calls them
/// diverges from other clients, which the conformance runner will show.
/// They are registered rather than left out so that address warming (EIP-2929), "is this a precompile" checks and
/// gas charging already behave as on mainnet.
/// </summary>
public static class NotImplementedPrecompiles
{
    /// <summary>0x0a POINT_EVALUATION (EIP-4844, Cancun): 50000 gas.</summary>
    public static readonly IPrecompile PointEvaluation = new Missing(static (_, _) => 50000);

    /// <summary>0x0b BLS12_G1ADD (EIP-2537, Prague): 375 gas.</summary>
    public static readonly IPrecompile Bls12G1Add = new Missing(static (_, _) => 375);

    /// <summary>0x0c BLS12_G1MSM (EIP-2537): k = len / 160 pairs, k * 12000 * discount(k) / 1000.</summary>
    public static readonly IPrecompile Bls12G1Msm = new Missing(static (len, _) => MsmGas(len / 160, 12000, G1MsmDiscount));

    /// <summary>0x0d BLS12_G2ADD (EIP-2537): 600 gas.</summary>
    public static readonly IPrecompile Bls12G2Add = new Missing(static (_, _) => 600);

    /// <summary>0x0e BLS12_G2MSM (EIP-2537): k = len / 288 pairs, k * 22500 * discount(k) / 1000.</summary>
    public static readonly IPrecompile Bls12G2Msm = new Missing(static (len, _) => MsmGas(len / 288, 22500, G2MsmDiscount));

    /// <summary>0x0f BLS12_PAIRING_CHECK (EIP-2537): 37700 + 32600 k, k = len / 384.</summary>
    public static readonly IPrecompile Bls12Pairing = new Missing(static (len, _) => 37700 + 32600L * (len / 384));

    /// <summary>0x10 BLS12_MAP_FP_TO_G1 (EIP-2537): 5500 gas.</summary>
    public static readonly IPrecompile Bls12MapFpToG1 = new Missing(static (_, _) => 5500);

    /// <summary>0x11 BLS12_MAP_FP2_TO_G2 (EIP-2537): 23800 gas.</summary>
    public static readonly IPrecompile Bls12MapFp2ToG2 = new Missing(static (_, _) => 23800);

    /// <summary>EIP-2537 final G1MSM discount per pair count k = 1..128 (in 1/1000); k &gt; 128 uses the last entry.</summary>
    private static ReadOnlySpan<ushort> G1MsmDiscount =>
    [
        1000, 949, 848, 797, 764, 750, 738, 728, 719, 712, 705, 698, 692, 687, 682, 677, 673, 669, 665, 661, 658, 654,
        651, 648, 645, 642, 640, 637, 635, 632, 630, 627, 625, 623, 621, 619, 617, 615, 613, 611, 609, 608, 606, 604,
        603, 601, 599, 598, 596, 595, 593, 592, 591, 589, 588, 586, 585, 584, 582, 581, 580, 579, 577, 576, 575, 574,
        573, 572, 570, 569, 568, 567, 566, 565, 564, 563, 562, 561, 560, 559, 558, 557, 556, 555, 554, 553, 552, 551,
        550, 549, 548, 547, 547, 546, 545, 544, 543, 542, 541, 540, 540, 539, 538, 537, 536, 536, 535, 534, 533, 532,
        532, 531, 530, 529, 528, 528, 527, 526, 525, 525, 524, 523, 522, 522, 521, 520, 520, 519,
    ];

    /// <summary>EIP-2537 final G2MSM discount per pair count k = 1..128 (in 1/1000); k &gt; 128 uses the last entry.</summary>
    private static ReadOnlySpan<ushort> G2MsmDiscount =>
    [
        1000, 1000, 923, 884, 855, 832, 812, 796, 782, 770, 759, 749, 740, 732, 724, 717, 711, 704, 699, 693, 688, 683,
        679, 674, 670, 666, 663, 659, 655, 652, 649, 646, 643, 640, 637, 634, 632, 629, 627, 624, 622, 620, 618, 615,
        613, 611, 609, 607, 606, 604, 602, 600, 598, 597, 595, 593, 592, 590, 589, 587, 586, 584, 583, 582, 580, 579,
        578, 576, 575, 574, 573, 571, 570, 569, 568, 567, 566, 565, 563, 562, 561, 560, 559, 558, 557, 556, 555, 554,
        553, 552, 552, 551, 550, 549, 548, 547, 546, 545, 545, 544, 543, 542, 541, 541, 540, 539, 538, 537, 537, 536,
        535, 535, 534, 533, 532, 532, 531, 530, 530, 529, 528, 528, 527, 526, 526, 525, 524, 524,
    ];

    /// <summary>An empty MSM input prices at 0 (and is invalid, so the call fails).</summary>
    private static long MsmGas(int pairs, long costPerPair, ReadOnlySpan<ushort> discounts)
    {
        if (pairs == 0) return 0;
        long discount = discounts[Math.Min(pairs, discounts.Length) - 1];
        return pairs * costPerPair * discount / 1000;
    }

    /// <summary>A precompile with a real price and no implementation: every run fails.</summary>
    private sealed class Missing(Func<int, Fork, long> gas) : IPrecompile
    {
        public long RequiredGas(ReadOnlySpan<byte> input, Fork fork) => gas(input.Length, fork);

        public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork) => PrecompileResult.Failure;
    }
}
