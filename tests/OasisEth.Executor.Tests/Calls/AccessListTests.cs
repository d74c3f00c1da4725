using OasisEth.Transactions;
using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Calls;

/// <summary>eth_createAccessList against lists worked out by hand from the contracts' code.</summary>
public sealed class AccessListTests
{
    private static readonly Address Target = Address.FromLowUlong(0xa11);
    private static readonly Address Other = Address.FromLowUlong(0xa22);
    private static readonly Address Probed = Address.FromLowUlong(0xa33);
    private static readonly Address Sized = Address.FromLowUlong(0xa44);

    /// <summary>Other: SLOAD(7), STOP.</summary>
    private static readonly byte[] OtherCode = Hex.Decode("600754" + "00");

    /// <summary>
    /// Target: SLOAD(1); SSTORE(2, 5); BALANCE(Probed); EXTCODESIZE(Sized); BALANCE(CALLER) (the sender: not
    /// listed); STATICCALL(Other) (lists Other with its slot 7); STATICCALL(0x04, the identity precompile: not
    /// listed); BALANCE(ADDRESS) (itself, the recipient: listed only through its slots); STOP.
    /// </summary>
    private static readonly byte[] TargetCode = Hex.Decode(
        "600154" + "50" +
        "6005600255" +
        "73" + Hex.Encode(Probed.Bytes) + "31" + "50" +
        "73" + Hex.Encode(Sized.Bytes) + "3b" + "50" +
        "33" + "31" + "50" +
        "5f5f5f5f" + "73" + Hex.Encode(Other.Bytes) + "5a" + "fa" + "50" +
        "5f5f5f5f" + "6004" + "5a" + "fa" + "50" +
        "30" + "31" + "50" +
        "00");

    private static ChainFixture NewChain()
    {
        GenesisConfig dev = ChainFixture.DevGenesis(4);
        var allocations = new List<GenesisAllocation>(dev.Allocations)
        {
            new(Target, UInt256.Zero) { Code = TargetCode },
            new(Other, UInt256.Zero) { Code = OtherCode },
            new(Probed, UInt256.One),
        };
        allocations.Sort((a, b) => a.Address.CompareTo(b.Address));
        return new ChainFixture(genesis: dev with { Allocations = allocations });
    }

    private static string Show(AccessListItem[] list) =>
        string.Join("; ", list.Select(i => i.Address + ":" + string.Join(",", i.StorageKeys.Select(k => k.ToString()))));

    [Test]
    public void Lists_touched_accounts_and_slots_without_sender_recipient_or_precompiles()
    {
        using var f = NewChain();
        Address from = TestAccounts.Address(1);
        AccessListOutcome o = f.Chain.CreateAccessList(new CallRequest { From = from, To = Target }, 0);

        Assert.That(o.Error, Is.Null);
        // Sorted by address: 0xa11 (Target, slots 1 and 2), 0xa22 (Other, slot 7), 0xa33 (Probed), 0xa44 (Sized).
        Assert.That(Show(o.AccessList), Is.EqualTo(Show([
            new AccessListItem(Target, [UInt256.One, new UInt256(2)]),
            new AccessListItem(Other, [new UInt256(7)]),
            new AccessListItem(Probed, []),
            new AccessListItem(Sized, []),
        ])));

        // The gas is the call's with that list attached, not without it (listing costs 2,400 per account and 1,900
        // per slot; the recipient's own entry is pure cost, so here the list is dearer).
        CallOutcome with = f.Chain.Call(new CallRequest { From = from, To = Target, AccessList = o.AccessList }, 0);
        CallOutcome without = f.Chain.Call(new CallRequest { From = from, To = Target }, 0);
        Assert.That(o.GasUsed, Is.EqualTo(with.GasUsed));
        Assert.That(o.GasUsed, Is.Not.EqualTo(without.GasUsed));
    }

    [Test]
    public void A_given_list_is_kept_and_its_excluded_addresses_keep_only_their_slots()
    {
        using var f = NewChain();
        Address from = TestAccounts.Address(1);
        Address extra = Address.FromLowUlong(0xeee);
        var given = new AccessListItem[]
        {
            new(extra, [new UInt256(9)]),
            new(from, []),                       // the sender alone: dropped
            new(Address.FromLowUlong(4), []),    // a precompile alone: dropped
        };
        AccessListOutcome o = f.Chain.CreateAccessList(new CallRequest { From = from, To = Other, AccessList = given }, 0);
        Assert.That(Show(o.AccessList), Is.EqualTo(Show([
            new AccessListItem(Other, [new UInt256(7)]),
            new AccessListItem(extra, [new UInt256(9)]),
        ])));
    }

    [Test]
    public void A_reverting_call_reports_the_error_with_its_list()
    {
        using var f = NewChain();
        // SLOAD(3) then REVERT(0, 0).
        Address reverter = Address.FromLowUlong(0xbad);
        var overrides = new CallOverrides { Accounts = [new AccountOverride(reverter) { Code = Hex.Decode("600354" + "50" + "5f5ffd") }] };
        AccessListOutcome o = f.Chain.CreateAccessList(new CallRequest { To = reverter }, 0, overrides);
        Assert.That(o.Error, Is.EqualTo("execution reverted"));
        Assert.That(Show(o.AccessList), Is.EqualTo(Show([new AccessListItem(reverter, [new UInt256(3)])])));
        Assert.That(o.GasUsed, Is.GreaterThan(21_000UL));

        // A call that cannot run at all is invalid, with geth's wording.
        var poor = new CallRequest { From = Address.FromLowUlong(0x999), To = Other, GasPrice = new UInt256(2_000_000_000) };
        AccessListOutcome invalid = f.Chain.CreateAccessList(poor, 0);
        Assert.That(invalid.Invalid, Is.True);
        Assert.That(invalid.Error, Is.EqualTo("insufficient funds for gas * price + value"));
    }
}
