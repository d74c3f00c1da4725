using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

/// <summary>
/// OETH supply accounting kept in the world state (so it is committed, rolled back and proven with it).
/// The invariant, after genesis and after every round: pool + unclaimed + Σ balances + burned = 21M OETH.
/// Rules (remainders, rounds without a committee, epochs) are in docs/oeth.md; the storage layout in
/// <see cref="OethSlots"/>.
/// </summary>
/// <remarks>Split by concern: genesis and figures here, the end-of-round work in OethLedger.Round.cs.
/// <see cref="ApplyGenesis"/> and <see cref="EndRound"/> each run as their own system transaction
/// (BeginTransaction … CommitTransaction) on the world state, between user transactions.</remarks>
public static partial class OethLedger
{
    /// <summary>21,000,000 OETH in wei.</summary>
    public static readonly UInt256 TotalSupply = UInt256.Parse("21000000000000000000000000");

    /// <summary>System account whose storage holds the figures (pool, unclaimed, burned, per-entity rewards).</summary>
    public static readonly Address LedgerAddress = Address.Parse("0x4f45544800000000000000000000000000000001");

    /// <summary>The coinbase of every block: collects the priority fees of the round until <see cref="EndRound"/>.</summary>
    public static readonly Address FeeCollector = Address.Parse("0x4f45544800000000000000000000000000000002");

    /// <summary>Size of an entity key (an Ed25519 public key).</summary>
    public const int EntityKeySize = 32;

    /// <summary>
    /// Writes the genesis state: the allocations (balance, nonce, code, storage) and the ledger account with the
    /// pool (21M minus allocations). The ledger account gets nonce 1 so it is never "empty" in the EIP-161 sense:
    /// a touch must never delete the storage that holds the figures.
    /// </summary>
    /// <exception cref="FormatException">The genesis breaks a rule of <see cref="GenesisConfig.Validate"/>.</exception>
    /// <exception cref="InvalidOperationException">The state already holds a ledger.</exception>
    public static void ApplyGenesis(IWorldState state, GenesisConfig genesis)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(genesis);
        genesis.Validate();
        if (!state.GetStorage(LedgerAddress, OethSlots.Version).IsZero)
            throw new InvalidOperationException("The state already holds an OETH ledger: genesis is applied once.");

        state.BeginTransaction();
        foreach (GenesisAllocation a in genesis.SortedAllocations())
        {
            state.AddBalance(a.Address, a.Balance);
            if (a.Nonce != 0) state.SetNonce(a.Address, a.Nonce);
            if (a.Code.Length != 0) state.SetCode(a.Address, a.Code);
            foreach (KeyValuePair<UInt256, UInt256> slot in GenesisConfig.SortedStorage(a))
            {
                if (!slot.Value.IsZero) state.SetStorage(a.Address, slot.Key, slot.Value);
            }
        }
        state.SetNonce(LedgerAddress, 1);
        state.SetStorage(LedgerAddress, OethSlots.Version, new UInt256(OethSlots.CurrentVersion));
        state.SetStorage(LedgerAddress, OethSlots.Pool, TotalSupply - genesis.AllocatedTotal());
        // Genesis writes exactly what the file says: an allocation that is "empty" (say, storage only) stays.
        state.CommitTransaction(deleteTouchedEmpty: false);
    }

    /// <summary>Pool, unclaimed, burned as stored; circulating = total - the three (the invariant test checks it
    /// against the sum of all balances).</summary>
    public static SupplyFigures ReadSupply(IWorldState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        UInt256 pool = Read(state, OethSlots.Pool);
        UInt256 unclaimed = Read(state, OethSlots.Unclaimed);
        UInt256 burned = Read(state, OethSlots.Burned);
        // Dev state edits (zero on every real chain) move the total: the figures stay an exact account of balances.
        UInt256 minted = Read(state, OethSlots.DevMinted);
        UInt256 destroyed = Read(state, OethSlots.DevDestroyed);
        return new SupplyFigures(pool, unclaimed, TotalSupply + minted - destroyed - pool - unclaimed - burned, burned)
        {
            DevMinted = minted,
            DevDestroyed = destroyed,
        };
    }

    /// <summary>Rewards accrued to <paramref name="entity"/> (32-byte Ed25519 public key) and not yet claimed.</summary>
    public static UInt256 GetAccrued(IWorldState state, ReadOnlySpan<byte> entity)
    {
        ArgumentNullException.ThrowIfNull(state);
        CheckEntity(entity);
        return Read(state, OethSlots.Accrued(entity));
    }

    /// <summary>The nonce the entity's next claim must carry (0 before its first claim; +1 per successful claim).</summary>
    public static ulong GetClaimNonce(IWorldState state, ReadOnlySpan<byte> entity)
    {
        ArgumentNullException.ThrowIfNull(state);
        CheckEntity(entity);
        return (ulong)Read(state, OethSlots.ClaimNonce(entity));
    }

    /// <summary><see cref="GetAccrued(IWorldState, ReadOnlySpan{byte})"/> on a committed block's state (RPC, clients).</summary>
    public static UInt256 GetAccrued(IStateView view, ReadOnlySpan<byte> entity)
    {
        ArgumentNullException.ThrowIfNull(view);
        CheckEntity(entity);
        return view.GetStorage(LedgerAddress, OethSlots.Accrued(entity));
    }

    /// <summary><see cref="GetClaimNonce(IWorldState, ReadOnlySpan{byte})"/> on a committed block's state: the nonce a
    /// client signs into its next claim.</summary>
    public static ulong GetClaimNonce(IStateView view, ReadOnlySpan<byte> entity)
    {
        ArgumentNullException.ThrowIfNull(view);
        CheckEntity(entity);
        return (ulong)view.GetStorage(LedgerAddress, OethSlots.ClaimNonce(entity));
    }

    /// <summary>Total released from the pool by the reward schedule since genesis.</summary>
    public static UInt256 GetReleased(IWorldState state) => Read(state, OethSlots.Released);

    /// <summary>Fees waiting for the next round's good entities (counted in the unclaimed figure).</summary>
    public static UInt256 GetCarriedFees(IWorldState state) => Read(state, OethSlots.CarriedFees);

    /// <summary>The last round <see cref="EndRound"/> closed (0 right after genesis).</summary>
    public static ulong GetLastRound(IWorldState state) => (ulong)Read(state, OethSlots.LastRound);

    /// <summary>True once <see cref="ApplyGenesis"/> has run on this state.</summary>
    public static bool HasLedger(IWorldState state) => !Read(state, OethSlots.Version).IsZero;

    /// <summary>The open epoch and, in the order they first served in it, each entity with its good rounds so far;
    /// read from storage alone (what <see cref="EndRound"/> walks at the epoch's end).</summary>
    public static (ulong Epoch, IReadOnlyList<(byte[] Entity, ulong GoodRounds)> Entities) ReadOpenEpoch(IWorldState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ulong count = (ulong)Read(state, OethSlots.EpochEntityCount);
        var entities = new (byte[], ulong)[count];
        for (ulong i = 0; i < count; i++)
        {
            byte[] entity = Read(state, OethSlots.EpochListEntry(i)).ToBigEndian();
            entities[i] = (entity, (ulong)Read(state, OethSlots.EpochRounds(entity)));
        }
        return ((ulong)Read(state, OethSlots.OpenEpoch), entities);
    }

    /// <summary>Null when every key is 32 bytes, else the first problem (so a caller can refuse a round's input
    /// before executing anything).</summary>
    public static string? CheckEntities(IReadOnlyList<byte[]> entities)
    {
        if (entities is null) return "the good compute committee list is null";
        for (int i = 0; i < entities.Count; i++)
        {
            if (entities[i] is null) return string.Create(CultureInfo.InvariantCulture, $"good compute entity {i} is null");
            if (entities[i].Length != EntityKeySize)
                return string.Create(CultureInfo.InvariantCulture,
                    $"good compute entity {i} is {entities[i].Length} bytes; an Ed25519 public key is {EntityKeySize}");
        }
        return null;
    }

    internal static UInt256 Read(IWorldState state, in UInt256 slot) => state.GetStorage(LedgerAddress, slot);

    internal static void Write(IWorldState state, in UInt256 slot, in UInt256 value) => state.SetStorage(LedgerAddress, slot, value);

    private static void CheckEntity(ReadOnlySpan<byte> entity)
    {
        if (entity.Length != EntityKeySize) ThrowBadEntity(entity.Length);
    }

    [DoesNotReturn]
    private static void ThrowBadEntity(int length) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"An entity key is a {EntityKeySize}-byte Ed25519 public key (got {length} bytes)."), "entity");
}
