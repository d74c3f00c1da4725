namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// EIP-2537 (final) MSM pricing: k pairs cost k · multiplication_cost · discount(k) / 1000, where discount(k) comes
/// from the EIP's table for k = 1..128 and stays at the last entry beyond. k = floor(len / pair length), so an
/// empty input prices at 0 (and then fails).
/// </summary>
internal static class Bls12MsmPricing
{
    /// <summary>EIP-2537 G1 single-multiplication cost, the G1MSM base.</summary>
    public const long G1MultiplicationCost = 12000;

    /// <summary>EIP-2537 G2 single-multiplication cost, the G2MSM base.</summary>
    public const long G2MultiplicationCost = 22500;

    public static long G1Gas(int inputLength) => Gas(inputLength / Bls12G1MsmPrecompile.PairLength, G1MultiplicationCost, G1Discount);

    public static long G2Gas(int inputLength) => Gas(inputLength / Bls12G2MsmPrecompile.PairLength, G2MultiplicationCost, G2Discount);

    private static long Gas(int pairs, long costPerPair, ReadOnlySpan<ushort> discounts)
    {
        if (pairs == 0) return 0;
        long discount = discounts[Math.Min(pairs, discounts.Length) - 1];
        return pairs * costPerPair * discount / 1000;
    }

    /// <summary>EIP-2537 final G1MSM discount per pair count k = 1..128 (in 1/1000).</summary>
    private static ReadOnlySpan<ushort> G1Discount =>
    [
        1000, 949, 848, 797, 764, 750, 738, 728, 719, 712, 705, 698, 692, 687, 682, 677, 673, 669, 665, 661, 658, 654,
        651, 648, 645, 642, 640, 637, 635, 632, 630, 627, 625, 623, 621, 619, 617, 615, 613, 611, 609, 608, 606, 604,
        603, 601, 599, 598, 596, 595, 593, 592, 591, 589, 588, 586, 585, 584, 582, 581, 580, 579, 577, 576, 575, 574,
        573, 572, 570, 569, 568, 567, 566, 565, 564, 563, 562, 561, 560, 559, 558, 557, 556, 555, 554, 553, 552, 551,
        550, 549, 548, 547, 547, 546, 545, 544, 543, 542, 541, 540, 540, 539, 538, 537, 536, 536, 535, 534, 533, 532,
        532, 531, 530, 529, 528, 528, 527, 526, 525, 525, 524, 523, 522, 522, 521, 520, 520, 519,
    ];

    /// <summary>EIP-2537 final G2MSM discount per pair count k = 1..128 (in 1/1000).</summary>
    private static ReadOnlySpan<ushort> G2Discount =>
    [
        1000, 1000, 923, 884, 855, 832, 812, 796, 782, 770, 759, 749, 740, 732, 724, 717, 711, 704, 699, 693, 688, 683,
        679, 674, 670, 666, 663, 659, 655, 652, 649, 646, 643, 640, 637, 634, 632, 629, 627, 624, 622, 620, 618, 615,
        613, 611, 609, 607, 606, 604, 602, 600, 598, 597, 595, 593, 592, 590, 589, 587, 586, 584, 583, 582, 580, 579,
        578, 576, 575, 574, 573, 571, 570, 569, 568, 567, 566, 565, 563, 562, 561, 560, 559, 558, 557, 556, 555, 554,
        553, 552, 552, 551, 550, 549, 548, 547, 546, 545, 545, 544, 543, 542, 541, 541, 540, 539, 538, 537, 537, 536,
        535, 535, 534, 533, 532, 532, 531, 530, 530, 529, 528, 528, 527, 526, 526, 525, 524, 524,
    ];
}
