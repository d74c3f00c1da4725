using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// The operators' release schedule: rewards leave the pool at the end of each epoch of <see cref="RoundsPerEpoch"/>
/// rounds (docs/oeth.md has the split rules). Two forms:
/// <list type="bullet">
/// <item><b>Flat</b> (<see cref="HalvingEpochs"/> = 0): <see cref="AmountPerEpoch"/> wei for each of the first
/// <see cref="Epochs"/> epochs; an epoch nobody served releases nothing and its amount stays in the pool.</item>
/// <item><b>Halving</b> (<see cref="HalvingEpochs"/> = H &gt; 0, <see cref="Epochs"/> = 0): epoch <c>e</c> is due
/// <c>AmountPerEpoch &gt;&gt; (e / H)</c> wei, so the amount halves every H epochs, and once that reaches zero
/// (the tail) everything left in the pool is due. What is due is cumulative: an epoch closes by releasing
/// <see cref="CumulativeDue"/> minus what was released before, so epochs nobody served and rounding remainders
/// are paid out later, and the pool ends at exactly zero.</item>
/// </list>
/// </summary>
/// <remarks>Epoch <c>e</c> (from 0) is rounds <c>e·RoundsPerEpoch + 1</c> to <c>(e + 1)·RoundsPerEpoch</c>:
/// round 1 is the first round after genesis (block 0).</remarks>
public sealed record RewardSchedule(UInt256 AmountPerEpoch, ulong Epochs, ulong RoundsPerEpoch)
{
    /// <summary>Epochs between halvings; 0 for the flat schedule (the form every genesis had before halving).</summary>
    public ulong HalvingEpochs { get; init; }

    public bool IsHalving => HalvingEpochs != 0;

    /// <summary>Shares of each release paid to fixed addresses before the operators' split (none by default).</summary>
    public IReadOnlyList<RewardGrant> Grants { get; init; } = [];

    /// <summary>Value equality, the grants compared item by item (a record compares lists by reference).</summary>
    public bool Equals(RewardSchedule? other) =>
        other is not null && AmountPerEpoch == other.AmountPerEpoch && Epochs == other.Epochs
        && RoundsPerEpoch == other.RoundsPerEpoch && HalvingEpochs == other.HalvingEpochs && Grants.SequenceEqual(other.Grants);

    public override int GetHashCode() => HashCode.Combine(AmountPerEpoch, Epochs, RoundsPerEpoch, HalvingEpochs, Grants.Count);

    /// <summary>A halving schedule: <paramref name="firstAmount"/> wei per epoch for the first
    /// <paramref name="halvingEpochs"/> epochs, half of it for the next as many, and so on to the last wei.</summary>
    public static RewardSchedule Halving(UInt256 firstAmount, ulong halvingEpochs, ulong roundsPerEpoch) =>
        new(firstAmount, 0, roundsPerEpoch) { HalvingEpochs = halvingEpochs };

    /// <summary>The original OasisEth schedule: 525,000 OETH per 30-day epoch for 20 epochs, halving every 20
    /// epochs until the 21M are out. 432,000 rounds is 30 days of 6-second rounds (rounds, not clock time: the
    /// schedule must be the same on every node).</summary>
    public static RewardSchedule Original { get; } = Halving(new UInt256(525_000) * GenesisConfig.Oeth, 20, 432_000);

    /// <summary>The halving schedule's amount for <paramref name="epoch"/> (0 in the tail, where the rest of the
    /// pool is due instead). Halving schedules only.</summary>
    public UInt256 HalvingAmount(ulong epoch)
    {
        RequireHalving();
        ulong era = epoch / HalvingEpochs;
        return era >= 256 ? UInt256.Zero : AmountPerEpoch >> (int)era;
    }

    /// <summary>
    /// Halving schedules: what epochs 0 … <paramref name="epoch"/> together are due, Σ AmountPerEpoch &gt;&gt; (i / H).
    /// Null in the tail (the epoch's own amount is zero): then the whole pool is due.
    /// </summary>
    /// <remarks>At most 255 whole eras are summed (a longer run is already in the tail), each H · (a &gt;&gt; k);
    /// <see cref="GenesisConfig.Validate"/> bounds a and H so no sum can overflow.</remarks>
    public UInt256? CumulativeDue(ulong epoch)
    {
        RequireHalving();
        ulong era = epoch / HalvingEpochs;
        if (era >= 256) return null;
        UInt256 current = AmountPerEpoch >> (int)era;
        if (current.IsZero) return null;
        UInt256 h = new(HalvingEpochs);
        UInt256 sum = UInt256.Zero;
        for (int k = 0; k < (int)era; k++) sum += h * (AmountPerEpoch >> k);
        return sum + new UInt256(epoch % HalvingEpochs + 1) * current;
    }

    private void RequireHalving()
    {
        if (!IsHalving) throw new InvalidOperationException("Not a halving schedule (HalvingEpochs is 0).");
    }
}
