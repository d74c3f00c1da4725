using System.Text;
using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// Storage layout of the ledger account (<see cref="OethLedger.LedgerAddress"/>); docs/oeth.md has the table.
/// Fixed figures sit in the low slots; per-entity values at keccak256(tag ‖ entity key), so no two entities and
/// no two kinds of value share a slot; the open epoch's entity list is an array at keccak256("oeth/epoch-list")
/// + i, so it is walked in the order entities first served, read back from storage alone.
/// </summary>
internal static class OethSlots
{
    /// <summary>1 once the genesis has been applied: a round or claim on a state without the ledger is a bug.</summary>
    public static readonly UInt256 Version = new(0);
    public static readonly UInt256 Pool = new(1);
    /// <summary>Everything owed to operators and not yet claimed: Σ accrued + <see cref="CarriedFees"/>.</summary>
    public static readonly UInt256 Unclaimed = new(2);
    public static readonly UInt256 Burned = new(3);
    /// <summary>Fees not yet split (a round with no good entity, or the remainder of a split): part of
    /// <see cref="Unclaimed"/>, added to the next round's fees.</summary>
    public static readonly UInt256 CarriedFees = new(4);
    /// <summary>Index of the epoch whose good rounds are being counted.</summary>
    public static readonly UInt256 OpenEpoch = new(5);
    /// <summary>Number of distinct entities in the open epoch's list.</summary>
    public static readonly UInt256 EpochEntityCount = new(6);
    /// <summary>Σ good rounds served by all entities in the open epoch.</summary>
    public static readonly UInt256 EpochGoodRounds = new(7);
    /// <summary>Total released from the pool by the schedule so far (for reports; not part of the invariant).</summary>
    public static readonly UInt256 Released = new(8);
    /// <summary>The last round closed by <see cref="OethLedger.EndRound"/> (0 at genesis).</summary>
    public static readonly UInt256 LastRound = new(9);
    /// <summary>Dev node only: OETH created by state edits (anvil_setBalance raising a balance), in wei. Never written
    /// by a round, so zero on every real chain; the supply figures add it to the total.</summary>
    public static readonly UInt256 DevMinted = new(10);
    /// <summary>Dev node only: OETH destroyed by state edits (a balance set lower), in wei.</summary>
    public static readonly UInt256 DevDestroyed = new(11);

    public const ulong CurrentVersion = 1;

    private static readonly byte[] AccruedTag = Encoding.ASCII.GetBytes("oeth/accrued");
    private static readonly byte[] ClaimNonceTag = Encoding.ASCII.GetBytes("oeth/claim-nonce");
    private static readonly byte[] EpochRoundsTag = Encoding.ASCII.GetBytes("oeth/epoch-rounds");
    private static readonly UInt256 EpochListBase = Keccak.Compute(Encoding.ASCII.GetBytes("oeth/epoch-list")).ToWord();

    public static UInt256 Accrued(ReadOnlySpan<byte> entity) => Tagged(AccruedTag, entity);
    public static UInt256 ClaimNonce(ReadOnlySpan<byte> entity) => Tagged(ClaimNonceTag, entity);
    public static UInt256 EpochRounds(ReadOnlySpan<byte> entity) => Tagged(EpochRoundsTag, entity);

    /// <summary>Slot of entry <paramref name="index"/> of the open epoch's entity list (the 32-byte key as a word).</summary>
    public static UInt256 EpochListEntry(ulong index) => EpochListBase + new UInt256(index);

    private static UInt256 Tagged(byte[] tag, ReadOnlySpan<byte> entity)
    {
        Span<byte> buffer = stackalloc byte[32 + 32];
        tag.CopyTo(buffer);
        entity.CopyTo(buffer[tag.Length..]);
        return Keccak.Compute(buffer[..(tag.Length + entity.Length)]).ToWord();
    }
}
