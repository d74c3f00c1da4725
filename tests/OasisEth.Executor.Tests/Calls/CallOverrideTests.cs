using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Calls;

/// <summary>State and block overrides: each field changes what the call sees, storage is replaced or patched,
/// gas limits follow the override, and nothing reaches the chain.</summary>
public sealed class CallOverrideTests
{
    /// <summary>Returns SLOAD(calldata[0]).</summary>
    private static readonly Address Reader = Address.FromLowUlong(0xabc1);
    private static readonly byte[] ReaderCode = Hex.Decode("5f35545f5260205ff3");

    /// <summary>Returns NUMBER, TIMESTAMP, GASLIMIT, BASEFEE, COINBASE, PREVRANDAO, BLOBBASEFEE as seven words.</summary>
    private static readonly Address Env = Address.FromLowUlong(0xabc2);
    private static readonly byte[] EnvCode = Hex.Decode("435f52" + "42602052" + "45604052" + "48606052" + "41608052" + "4460a052" + "4a60c052" + "60e05ff3");

    private static ChainFixture NewChain()
    {
        GenesisConfig dev = ChainFixture.DevGenesis(4);
        var allocations = new List<GenesisAllocation>(dev.Allocations)
        {
            new(Reader, UInt256.Zero) { Code = ReaderCode, Storage = [new(UInt256.One, new UInt256(11)), new(new UInt256(2), new UInt256(22))] },
            new(Env, UInt256.Zero) { Code = EnvCode },
        };
        allocations.Sort((a, b) => a.Address.CompareTo(b.Address));
        return new ChainFixture(genesis: dev with { Allocations = allocations });
    }

    private static byte[] Word(ulong v) => new UInt256(v).ToBigEndian();

    private static UInt256 ReadSlot(ChainFixture f, ulong slot, CallOverrides? overrides)
    {
        CallOutcome o = f.Chain.Call(new CallRequest { To = Reader, Data = Word(slot) }, 0, overrides: overrides);
        Assert.That(o.Success, Is.True, o.Error);
        return UInt256.FromBigEndian(o.Output);
    }

    private static CallOverrides Accounts(params AccountOverride[] a) => new() { Accounts = a };

    [Test]
    public void StateDiff_patches_listed_slots_and_keeps_the_others()
    {
        using var f = NewChain();
        var diff = Accounts(new AccountOverride(Reader) { StateDiff = new Dictionary<UInt256, UInt256> { [UInt256.One] = new UInt256(99) } });
        Assert.That(ReadSlot(f, 1, diff), Is.EqualTo(new UInt256(99)));
        Assert.That(ReadSlot(f, 2, diff), Is.EqualTo(new UInt256(22)));
        Assert.That(ReadSlot(f, 1, null), Is.EqualTo(new UInt256(11)), "the chain is unchanged");
    }

    [Test]
    public void State_replaces_the_whole_storage_and_keeps_code_and_nonce()
    {
        using var f = NewChain();
        var state = Accounts(new AccountOverride(Reader) { State = new Dictionary<UInt256, UInt256> { [new UInt256(3)] = new UInt256(33) } });
        Assert.That(ReadSlot(f, 3, state), Is.EqualTo(new UInt256(33)));
        Assert.That(ReadSlot(f, 1, state), Is.EqualTo(UInt256.Zero), "slots not listed read as zero");
        Assert.That(ReadSlot(f, 2, state), Is.EqualTo(UInt256.Zero));
        Assert.That(ReadSlot(f, 2, null), Is.EqualTo(new UInt256(22)));
    }

    [Test]
    public void Both_state_and_stateDiff_are_refused()
    {
        using var f = NewChain();
        var both = Accounts(new AccountOverride(Reader)
        {
            State = new Dictionary<UInt256, UInt256>(),
            StateDiff = new Dictionary<UInt256, UInt256>(),
        });
        var e = Assert.Throws<ArgumentException>(() => f.Chain.Call(new CallRequest { To = Reader }, 0, overrides: both))!;
        Assert.That(e.Message, Is.EqualTo($"account {Reader} has both 'state' and 'stateDiff'"));
    }

    [Test]
    public void Code_balance_and_nonce_overrides()
    {
        using var f = NewChain();
        Address empty = Address.FromLowUlong(0xe0e0);
        // Code put on an empty account runs: the reader's code at a fresh address reads its (empty) storage,
        // patched in the same override.
        var withCode = Accounts(new AccountOverride(empty)
        {
            Code = ReaderCode,
            StateDiff = new Dictionary<UInt256, UInt256> { [new UInt256(5)] = new UInt256(55) },
        });
        CallOutcome o = f.Chain.Call(new CallRequest { To = empty, Data = Word(5) }, 0, overrides: withCode);
        Assert.That(UInt256.FromBigEndian(o.Output), Is.EqualTo(new UInt256(55)));

        // A poor sender made rich can pay for gas; the estimate sees the same balance.
        Address poor = Address.FromLowUlong(0x999);
        var request = new CallRequest { From = poor, To = TestAccounts.Address(1), GasPrice = new UInt256(2_000_000_000), Value = new UInt256(5) };
        Assert.That(f.Chain.Call(request, 0).Error, Is.EqualTo("insufficient funds for gas * price + value"));
        var rich = Accounts(new AccountOverride(poor) { Balance = GenesisConfig.Oeth });
        Assert.That(f.Chain.Call(request, 0, overrides: rich).Success, Is.True);
        Assert.That(f.Chain.EstimateGas(request, 0).Error, Is.EqualTo("insufficient funds for transfer"));
        Assert.That(f.Chain.EstimateGas(request, 0, overrides: rich).Gas, Is.EqualTo(21_000UL));

        // The nonce decides a creation's address (and the access list's exclusion of it).
        var nonce = Accounts(new AccountOverride(poor) { Nonce = 7 });
        AccessListOutcome created = f.Chain.CreateAccessList(new CallRequest { From = poor, Data = Hex.Decode("600154") }, 0, nonce);
        Assert.That(created.Error, Is.Null);
        Address expected = OasisEth.Evm.ContractAddress.FromCreate(poor, 7);
        Assert.That(created.AccessList.Select(i => i.Address), Is.EqualTo(new[] { expected }));

        // Nothing reached the chain.
        Assert.That(f.Chain.OpenState(0).GetCode(empty), Is.Empty);
        Assert.That(f.Chain.OpenState(0).GetBalance(poor), Is.EqualTo(UInt256.Zero));
    }

    [Test]
    public void Block_overrides_change_what_the_code_sees()
    {
        using var f = NewChain();
        BlockHeader h = f.Chain.Head;
        CallOutcome plain = f.Chain.Call(new CallRequest { To = Env, GasPrice = h.BaseFee, From = TestAccounts.Address(0) }, 0);
        Assert.That(plain.Success, Is.True, plain.Error);
        Assert.That(UInt256.FromBigEndian(plain.Output.AsSpan(0, 32)), Is.EqualTo(new UInt256(h.Number)));
        Assert.That(UInt256.FromBigEndian(plain.Output.AsSpan(64, 32)), Is.EqualTo(new UInt256(h.GasLimit)));

        Address coinbase = Address.FromLowUlong(0xc0b);
        Hash256 randao = Keccak.Compute([7]);
        var block = new CallOverrides
        {
            Block = new BlockOverrides
            {
                Number = 1234, Time = 5678, GasLimit = 1_000_000, BaseFee = new UInt256(3), Coinbase = coinbase,
                PrevRandao = randao, BlobBaseFee = new UInt256(9),
            },
        };
        CallOutcome o = f.Chain.Call(new CallRequest { To = Env, GasPrice = new UInt256(3), From = TestAccounts.Address(0) }, 0, overrides: block);
        Assert.That(o.Success, Is.True, o.Error);
        UInt256 W(int i) => UInt256.FromBigEndian(o.Output.AsSpan(32 * i, 32));
        Assert.That(W(0), Is.EqualTo(new UInt256(1234)));
        Assert.That(W(1), Is.EqualTo(new UInt256(5678)));
        Assert.That(W(2), Is.EqualTo(new UInt256(1_000_000)));
        Assert.That(W(3), Is.EqualTo(new UInt256(3)));
        Assert.That(W(4), Is.EqualTo(coinbase.ToWord()));
        Assert.That(W(5), Is.EqualTo(randao.ToWord()));
        Assert.That(W(6), Is.EqualTo(new UInt256(9)));

        // The overridden gas limit bounds the call's gas.
        CallOutcome capped = f.Chain.Call(new CallRequest { To = Env, Gas = 5_000_000 }, 0, overrides: block);
        Assert.That(capped.Success, Is.True);
        var tiny = new CallOverrides { Block = new BlockOverrides { GasLimit = 21_010 } };
        Assert.That(f.Chain.Call(new CallRequest { To = Env }, 0, overrides: tiny).Error, Is.EqualTo("out of gas"));
    }
}
