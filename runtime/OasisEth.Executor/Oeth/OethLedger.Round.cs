using System.Globalization;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

public static partial class OethLedger
{
    /// <summary>
    /// Closes a round (after its last transaction): moves the priority fees collected at <see cref="FeeCollector"/>
    /// (the coinbase of every block) to the operators' rewards, adds <paramref name="burnedThisRound"/> to the burned
    /// total, counts a good round for each entity and, at an epoch's end, releases that epoch's rewards from the pool.
    /// </summary>
    /// <remarks>
    /// Runs as one system transaction (BeginTransaction … CommitTransaction). In order:
    /// <list type="number">
    /// <item>burned += <paramref name="burnedThisRound"/> (base fees and ether destroyed in the round);</item>
    /// <item>each distinct entity of <paramref name="goodComputeEntities"/> (a key listed twice counts once) gets one
    /// good round in the open epoch; an entity new to the epoch is appended to the epoch's list;</item>
    /// <item>fees = the collector's balance (set to 0) + the carried fees; each distinct entity accrues
    /// fees / n; the remainder (fewer than n wei), or everything when the round has no good entity, is carried to
    /// the next round;</item>
    /// <item>when <paramref name="round"/> is the last of its epoch, the epoch is closed: if it is one of the
    /// schedule's first <c>Epochs</c> epochs and someone served, min(AmountPerEpoch, pool) is split per good round
    /// (integer division); each entity accrues the per-round share times its good rounds and the remainder stays
    /// in the pool. An epoch nobody served releases nothing (its amount stays in the pool). A halving schedule
    /// releases what is due up to the epoch less what was released (<see cref="RewardSchedule"/>), remainder to
    /// the epoch's first entity. Either way the schedule's grants are paid first, straight into their addresses'
    /// balances, and the operators split the rest;</item>
    /// <item>the ledger's share of the supply invariant is checked (pool + released = genesis pool).</item>
    /// </list>
    /// </remarks>
    /// <exception cref="ArgumentException">An entity key that is not 32 bytes; round 0 (the genesis block).</exception>
    /// <exception cref="InvalidOperationException">No ledger in the state, or a round not after the last closed one.
    /// Nothing is written in either case.</exception>
    public static void EndRound(IWorldState state, GenesisConfig genesis, ulong round, in UInt256 burnedThisRound,
        IReadOnlyList<byte[]> goodComputeEntities)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(genesis);
        string? bad = CheckEntities(goodComputeEntities);
        if (bad is not null) throw new ArgumentException(bad + ".", nameof(goodComputeEntities));
        if (round == 0) throw new ArgumentException("Round 0 is the genesis block; rounds start at 1.", nameof(round));
        if (!HasLedger(state)) throw new InvalidOperationException("The state holds no OETH ledger: apply the genesis first.");
        ulong lastRound = GetLastRound(state);
        if (round <= lastRound)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Round {round} is not after the last closed round {lastRound}."));

        RewardSchedule schedule = genesis.Rewards;
        ulong epoch = (round - 1) / schedule.RoundsPerEpoch;

        state.BeginTransaction();
        Write(state, OethSlots.LastRound, new UInt256(round));
        Add(state, OethSlots.Burned, burnedThisRound);

        // Rounds are consecutive, so the open epoch is this round's; if a driver ever skipped past an epoch's last
        // round, that epoch is closed now, late but whole, rather than merged into the next.
        ulong open = (ulong)Read(state, OethSlots.OpenEpoch);
        if (open != epoch)
        {
            CloseEpoch(state, schedule, open);
            Write(state, OethSlots.OpenEpoch, new UInt256(epoch));
        }

        int distinct = CountGoodRound(state, goodComputeEntities, out byte[][] entities);
        SplitFees(state, entities, distinct);

        if (round % schedule.RoundsPerEpoch == 0)
        {
            CloseEpoch(state, schedule, epoch);
            Write(state, OethSlots.OpenEpoch, new UInt256(epoch + 1));
        }

        CheckPoolAccount(state, genesis);

        // Deletes the emptied fee collector (EIP-161), so it never lingers in the state as an empty account.
        state.CommitTransaction(deleteTouchedEmpty: genesis.Fork >= Fork.SpuriousDragon);
    }

    /// <summary>One good round for each distinct entity; returns how many there were (they are the first
    /// <c>count</c> items of <paramref name="distinctEntities"/>, in input order).</summary>
    private static int CountGoodRound(IWorldState state, IReadOnlyList<byte[]> entities, out byte[][] distinctEntities)
    {
        distinctEntities = new byte[entities.Count][];
        int distinct = 0;
        for (int i = 0; i < entities.Count; i++)
        {
            byte[] entity = entities[i];
            bool repeat = false;
            for (int j = 0; j < distinct && !repeat; j++) repeat = entity.AsSpan().SequenceEqual(distinctEntities[j]);
            if (repeat) continue;
            distinctEntities[distinct++] = entity;

            UInt256 roundsSlot = OethSlots.EpochRounds(entity);
            UInt256 rounds = Read(state, roundsSlot);
            if (rounds.IsZero)
            {
                ulong count = (ulong)Read(state, OethSlots.EpochEntityCount);
                Write(state, OethSlots.EpochListEntry(count), UInt256.FromBigEndian(entity));
                Write(state, OethSlots.EpochEntityCount, new UInt256(count + 1));
            }
            Write(state, roundsSlot, rounds + UInt256.One);
            Add(state, OethSlots.EpochGoodRounds, UInt256.One);
        }
        return distinct;
    }

    private static void SplitFees(IWorldState state, byte[][] entities, int distinct)
    {
        UInt256 collected = state.GetBalance(FeeCollector);
        if (!collected.IsZero)
        {
            state.SubtractBalance(FeeCollector, collected);
            Add(state, OethSlots.Unclaimed, collected);
        }
        UInt256 fees = collected + Read(state, OethSlots.CarriedFees);
        if (distinct == 0 || fees.IsZero)
        {
            Write(state, OethSlots.CarriedFees, fees);
            return;
        }
        UInt256 n = new((ulong)distinct);
        UInt256 share = fees / n;
        if (!share.IsZero)
        {
            for (int i = 0; i < distinct; i++) Add(state, OethSlots.Accrued(entities[i]), share);
        }
        Write(state, OethSlots.CarriedFees, fees - share * n);
    }

    /// <summary>Releases the epoch's rewards (if due) and empties its bookkeeping.</summary>
    /// <remarks>Flat schedule: min(AmountPerEpoch, pool) split per good round, the division's remainder stays in
    /// the pool. Halving schedule: the amount due (<see cref="HalvingDue"/>) is released whole: split per good
    /// round, and the remainder (fewer than goodRounds wei) goes to the epoch's first entity, so the pool can
    /// reach its last wei.</remarks>
    private static void CloseEpoch(IWorldState state, RewardSchedule schedule, ulong epoch)
    {
        ulong count = (ulong)Read(state, OethSlots.EpochEntityCount);
        UInt256 goodRounds = Read(state, OethSlots.EpochGoodRounds);
        UInt256 perRound = UInt256.Zero;
        UInt256 remainder = UInt256.Zero;
        UInt256 granted = UInt256.Zero;
        if (!goodRounds.IsZero && (schedule.IsHalving || epoch < schedule.Epochs))
        {
            UInt256 pool = Read(state, OethSlots.Pool);
            UInt256 amount = schedule.IsHalving
                ? HalvingDue(schedule, epoch, pool, Read(state, OethSlots.Released))
                : schedule.AmountPerEpoch < pool ? schedule.AmountPerEpoch : pool;
            granted = PayGrants(state, schedule, amount);
            UInt256 operators = amount - granted;
            perRound = operators / goodRounds;
            if (schedule.IsHalving) remainder = operators - perRound * goodRounds;
        }

        for (ulong i = 0; i < count; i++)
        {
            UInt256 listSlot = OethSlots.EpochListEntry(i);
            byte[] entity = Read(state, listSlot).ToBigEndian();
            UInt256 roundsSlot = OethSlots.EpochRounds(entity);
            UInt256 share = perRound * Read(state, roundsSlot);
            if (i == 0) share += remainder;
            Add(state, OethSlots.Accrued(entity), share);
            Write(state, roundsSlot, UInt256.Zero);
            Write(state, listSlot, UInt256.Zero);
        }

        // Σ (perRound · roundsᵢ) + remainder = perRound · goodRounds + remainder ≤ amount ≤ pool: what was credited
        // above, exactly (remainder is non-zero only when someone served, so entry 0 exists).
        // The grants went to balances, the operators' part to unclaimed.
        UInt256 accrued = perRound * goodRounds + remainder;
        UInt256 released = accrued + granted;
        if (!released.IsZero)
        {
            Write(state, OethSlots.Pool, Read(state, OethSlots.Pool) - released);
            Add(state, OethSlots.Unclaimed, accrued);
            Add(state, OethSlots.Released, released);
        }
        Write(state, OethSlots.EpochEntityCount, UInt256.Zero);
        Write(state, OethSlots.EpochGoodRounds, UInt256.Zero);
    }

    /// <summary>Pays each grant ⌊amount · basisPoints / 10,000⌋ into its address's balance, in the genesis order;
    /// returns the total (at most <paramref name="amount"/>: the basis points add up to 10,000 at most).</summary>
    private static UInt256 PayGrants(IWorldState state, RewardSchedule schedule, in UInt256 amount)
    {
        UInt256 total = UInt256.Zero;
        foreach (RewardGrant grant in schedule.Grants)
        {
            // amount ≤ 21M OETH < 2^85, so amount · 10,000 cannot overflow.
            UInt256 share = amount * new UInt256(grant.BasisPoints) / new UInt256(RewardGrant.AllBasisPoints);
            if (share.IsZero) continue;
            state.AddBalance(grant.Address, share);
            total += share;
        }
        return total;
    }

    /// <summary>A halving schedule's release when <paramref name="epoch"/> closes: what epochs 0 … epoch are due
    /// together, less what earlier epochs released (so unserved epochs are caught up), at most the pool; in the
    /// tail, the whole pool.</summary>
    private static UInt256 HalvingDue(RewardSchedule schedule, ulong epoch, in UInt256 pool, in UInt256 releasedBefore)
    {
        UInt256? cumulative = schedule.CumulativeDue(epoch);
        if (cumulative is not UInt256 due) return pool;
        UInt256 owed = due > releasedBefore ? due - releasedBefore : UInt256.Zero;
        return owed < pool ? owed : pool;
    }

    /// <summary>
    /// The ledger's own share of the supply invariant, checked at the end of every round: nothing but the schedule
    /// takes from the pool, so pool + released must still be the genesis pool (21M - allocations), and pool +
    /// unclaimed + burned cannot pass the total supply. The balances' share is Σ balances = the rest, which only a
    /// full walk of the state can check (tests do). A break is a bug in the ledger: the round is refused rather
    /// than committed with a wrong supply.
    /// </summary>
    private static void CheckPoolAccount(IWorldState state, GenesisConfig genesis)
    {
        UInt256 pool = Read(state, OethSlots.Pool);
        UInt256 released = Read(state, OethSlots.Released);
        UInt256 genesisPool = TotalSupply - genesis.AllocatedTotal();
        bool overflow = UInt256.AddOverflow(pool, released, out UInt256 poolAccount);
        bool overflowOut = UInt256.AddOverflow(pool, Read(state, OethSlots.Unclaimed), out UInt256 outside);
        overflowOut |= UInt256.AddOverflow(outside, Read(state, OethSlots.Burned), out outside);
        if (overflow || poolAccount != genesisPool || overflowOut || outside > TotalSupply)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"OETH supply invariant broken: pool {pool} + released {released} should be {genesisPool}, and pool + unclaimed + burned at most {TotalSupply}."));
        }
    }

    private static void Add(IWorldState state, in UInt256 slot, in UInt256 amount)
    {
        if (amount.IsZero) return;
        Write(state, slot, Read(state, slot) + amount);
    }
}
