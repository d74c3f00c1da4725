using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using OasisEth.Primitives;

namespace OasisEth.Executor;

public sealed partial record GenesisConfig
{
    /// <summary>Smallest block gas limit: one plain transfer (21,000 gas) must fit in a round.</summary>
    public const ulong MinGasLimit = 21_000;

    /// <summary>Largest block gas limit, 2^63 - 1: a transaction's gas (at most the block's) must fit the EVM's signed
    /// 64-bit gas counter. The dev node's <c>--disable-block-gas-limit</c> uses it.</summary>
    public const ulong MaxGasLimit = long.MaxValue;

    /// <summary>
    /// Checks the rules every genesis must meet, whether parsed or built in code: chain id above zero, a fork with
    /// a base fee (London or later, since the base fee is what is burned), a gas limit from
    /// <see cref="MinGasLimit"/> to <see cref="MaxGasLimit"/>, an initial base fee not below the minimum gas price, at least one round per
    /// epoch, no duplicate or system-reserved allocation addresses, no duplicate storage keys, nonces below
    /// 2^64 - 1 (EIP-2681), and allocations summing to at most <see cref="OethLedger.TotalSupply"/>.
    /// </summary>
    /// <exception cref="FormatException">The first rule broken, with the offending value.</exception>
    public void Validate()
    {
        if (ChainId == 0) Fail("chainId must be above zero");
        if (Fork < Fork.London) Fail($"fork {Fork} has no base fee; OETH needs London or later");
        if (GasLimit < MinGasLimit) Fail($"gasLimit {GasLimit} is below {MinGasLimit} (one transfer must fit in a round)");
        if (GasLimit > MaxGasLimit) Fail($"gasLimit {GasLimit} is above {MaxGasLimit} (a transaction's gas must fit the EVM's signed 64-bit counter)");
        if (InitialBaseFee < MinGasPrice) Fail($"initialBaseFee {InitialBaseFee} is below minGasPrice {MinGasPrice}");
        if (Rewards is null) Fail("rewards is missing");
        if (Rewards!.RoundsPerEpoch == 0) Fail("rewards.roundsPerEpoch must be above zero");
        if (Rewards.IsHalving)
        {
            // Both bounds keep RewardSchedule.CumulativeDue far from overflow (at most 2·H·a < 2^150).
            if (Rewards.Epochs != 0) Fail("rewards: a halving schedule runs until the pool is empty, so epochs must be 0");
            if (Rewards.AmountPerEpoch.IsZero) Fail("rewards.amountPerEpoch of a halving schedule must be above zero");
            if (Rewards.AmountPerEpoch > OethLedger.TotalSupply)
                Fail($"rewards.amountPerEpoch {Rewards.AmountPerEpoch} is above the total supply");
        }
        if (Rewards.Grants is null) Fail("rewards.grants is null");
        uint grantTotal = 0;
        var grantees = new HashSet<Address>();
        foreach (RewardGrant? grant in Rewards.Grants!)
        {
            if (grant is null) Fail("rewards.grants holds a null entry");
            if (grant!.BasisPoints == 0) Fail($"rewards.grants: {grant.Address} has 0 basis points");
            if (!grantees.Add(grant.Address)) Fail($"rewards.grants lists {grant.Address} twice");
            if (IsReserved(grant.Address)) Fail($"rewards.grants may not pay the system address {grant.Address}");
            grantTotal += grant.BasisPoints;
        }
        if (grantTotal > RewardGrant.AllBasisPoints) Fail($"rewards.grants add up to {grantTotal} basis points, above 10000");
        if (Allocations is null) Fail("alloc is missing");

        UInt256 total = UInt256.Zero;
        var seen = new HashSet<Address>();
        foreach (GenesisAllocation? allocation in Allocations!)
        {
            if (allocation is null) Fail("alloc holds a null entry");
            Address address = allocation!.Address;
            if (!seen.Add(address)) Fail($"alloc lists {address} twice");
            if (IsReserved(address)) Fail($"alloc may not fund the system address {address}");
            if (allocation.Code is null) Fail($"alloc {address}: code is null");
            if (allocation.Storage is null) Fail($"alloc {address}: storage is null");
            if (allocation.Nonce == ulong.MaxValue) Fail($"alloc {address}: nonce must be below 2^64 - 1 (EIP-2681)");
            var keys = new HashSet<UInt256>();
            foreach (KeyValuePair<UInt256, UInt256> slot in allocation.Storage!)
            {
                if (!keys.Add(slot.Key)) Fail($"alloc {address}: storage key {slot.Key.ToHexString()} appears twice");
            }
            if (UInt256.AddOverflow(total, allocation.Balance, out total) || total > OethLedger.TotalSupply)
                Fail($"alloc sums to more than the total supply of {OethLedger.TotalSupply} wei (21,000,000 OETH); allocations come out of the reward pool and are never minted beside it");
        }
    }

    /// <summary>Addresses the ledger owns: funding them at genesis would corrupt the accounting (the fee collector
    /// is swept as fees, the ledger holds the figures, the claims address must stay code-less).</summary>
    public static bool IsReserved(in Address address) =>
        address == OethLedger.LedgerAddress || address == OethLedger.FeeCollector || address == OethClaims.Address;

    /// <summary>The allocations sorted by address (the order the state and the hash use, whatever the list's order).</summary>
    public GenesisAllocation[] SortedAllocations()
    {
        GenesisAllocation[] sorted = [.. Allocations];
        Array.Sort(sorted, static (a, b) => a.Address.CompareTo(b.Address));
        return sorted;
    }

    /// <summary>Sum of the allocations' balances (call after <see cref="Validate"/>: no overflow then).</summary>
    public UInt256 AllocatedTotal()
    {
        UInt256 total = UInt256.Zero;
        foreach (GenesisAllocation allocation in Allocations) total += allocation.Balance;
        return total;
    }

    internal static KeyValuePair<UInt256, UInt256>[] SortedStorage(GenesisAllocation allocation)
    {
        KeyValuePair<UInt256, UInt256>[] sorted = [.. allocation.Storage];
        Array.Sort(sorted, static (a, b) => a.Key.CompareTo(b.Key));
        return sorted;
    }

    [DoesNotReturn]
    private static void Fail(string message) =>
        throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"genesis: {message}."));
}
