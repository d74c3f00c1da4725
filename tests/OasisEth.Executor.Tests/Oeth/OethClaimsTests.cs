using System.Buffers.Binary;
using OasisEth.Primitives;
using OasisEth.State;
using static OasisEth.Executor.Tests.Oeth.OethTestSupport;

namespace OasisEth.Executor.Tests.Oeth;

[TestFixture]
public sealed class OethClaimsTests
{
    private static readonly Address Payer = Account(1);
    private static readonly Address Beneficiary = Account(77);

    /// <summary>A state where entity 1 has accrued 300 wei and entity 2 nothing (entity 2 never served).</summary>
    private static (InMemoryWorldState State, GenesisConfig Genesis) Setup()
    {
        GenesisConfig genesis = MakeGenesis(new RewardSchedule(UInt256.Zero, 0, 10), (Payer, Coins(10)));
        InMemoryWorldState state = NewState(genesis);
        PayTip(state, Payer, new UInt256(300));
        OethLedger.EndRound(state, genesis, 1, UInt256.Zero, Entities(1));
        return (state, genesis);
    }

    [Test]
    public void A_signed_claim_pays_the_beneficiary_and_bumps_the_nonce()
    {
        (InMemoryWorldState state, _) = Setup();
        byte[] calldata = OethClaims.BuildCalldata(PrivateKey(1), ChainId, Beneficiary, 0);
        Assert.That(OethClaims.Apply(state, ChainId, calldata), Is.Null);
        Assert.Multiple(() =>
        {
            Assert.That(state.GetBalance(Beneficiary), Is.EqualTo(new UInt256(300)));
            Assert.That(OethLedger.GetAccrued(state, Entity(1)), Is.EqualTo(UInt256.Zero));
            Assert.That(OethLedger.GetClaimNonce(state, Entity(1)), Is.EqualTo(1UL));
            Assert.That(OethLedger.ReadSupply(state).Unclaimed, Is.EqualTo(UInt256.Zero));
            Assert.That(Total(state, [Payer, Beneficiary, OethLedger.FeeCollector]), Is.EqualTo(OethLedger.TotalSupply));
        });
    }

    [Test]
    public void A_second_claim_with_the_next_nonce_takes_what_accrued_since()
    {
        (InMemoryWorldState state, GenesisConfig genesis) = Setup();
        Assert.That(OethClaims.Apply(state, ChainId, OethClaims.BuildCalldata(PrivateKey(1), ChainId, Beneficiary, 0)), Is.Null);
        PayTip(state, Payer, new UInt256(40));
        OethLedger.EndRound(state, genesis, 2, UInt256.Zero, Entities(1));
        Address other = Account(78);
        Assert.Multiple(() =>
        {
            Assert.That(OethClaims.Apply(state, ChainId, OethClaims.BuildCalldata(PrivateKey(1), ChainId, other, 1)), Is.Null);
            Assert.That(state.GetBalance(other), Is.EqualTo(new UInt256(40)));
            Assert.That(OethLedger.GetClaimNonce(state, Entity(1)), Is.EqualTo(2UL));
        });
    }

    [Test]
    public void A_claim_undone_by_a_snapshot_restore_leaves_no_trace()
    {
        (InMemoryWorldState state, _) = Setup();
        SupplyFigures before = OethLedger.ReadSupply(state);
        state.BeginTransaction();
        int snapshot = state.TakeSnapshot();
        Assert.That(OethClaims.Apply(state, ChainId, OethClaims.BuildCalldata(PrivateKey(1), ChainId, Beneficiary, 0)), Is.Null);
        state.Restore(snapshot);
        state.CommitTransaction(deleteTouchedEmpty: true);
        Assert.Multiple(() =>
        {
            Assert.That(OethLedger.ReadSupply(state), Is.EqualTo(before));
            Assert.That(OethLedger.GetAccrued(state, Entity(1)), Is.EqualTo(new UInt256(300)));
            Assert.That(OethLedger.GetClaimNonce(state, Entity(1)), Is.Zero);
            Assert.That(state.Exists(Beneficiary), Is.False);
        });
    }

    [Test]
    public void A_replayed_claim_is_refused()
    {
        (InMemoryWorldState state, GenesisConfig genesis) = Setup();
        byte[] calldata = OethClaims.BuildCalldata(PrivateKey(1), ChainId, Beneficiary, 0);
        Assert.That(OethClaims.Apply(state, ChainId, calldata), Is.Null);
        PayTip(state, Payer, new UInt256(40)); // something to claim again, so only the nonce stops it
        OethLedger.EndRound(state, genesis, 2, UInt256.Zero, Entities(1));
        AssertRefused(state, calldata, "already used (replay)");
    }

    [Test]
    public void A_nonce_ahead_of_the_entity_is_refused()
    {
        (InMemoryWorldState state, _) = Setup();
        AssertRefused(state, OethClaims.BuildCalldata(PrivateKey(1), ChainId, Beneficiary, 1), "ahead of the entity's next claim nonce 0");
    }

    [Test]
    public void The_last_nonce_is_refused_so_the_nonce_never_wraps()
    {
        (InMemoryWorldState state, _) = Setup();
        state.SetStorage(OethLedger.LedgerAddress, OethSlots.ClaimNonce(Entity(1)), new UInt256(ulong.MaxValue));
        AssertRefused(state, OethClaims.BuildCalldata(PrivateKey(1), ChainId, Beneficiary, ulong.MaxValue), "used up");
    }

    [Test]
    public void A_signature_by_another_key_is_refused()
    {
        (InMemoryWorldState state, _) = Setup();
        byte[] forged = OethClaims.EncodeCalldata(ChainId, Entity(1), Beneficiary, 0, OethClaims.Sign(PrivateKey(2), ChainId, Beneficiary, 0));
        AssertRefused(state, forged, "bad signature");
    }

    [Test]
    public void A_changed_beneficiary_breaks_the_signature()
    {
        (InMemoryWorldState state, _) = Setup();
        byte[] calldata = OethClaims.EncodeCalldata(ChainId, Entity(1), Account(66), 0, OethClaims.Sign(PrivateKey(1), ChainId, Beneficiary, 0));
        AssertRefused(state, calldata, "bad signature");
    }

    [Test]
    public void Every_flipped_signature_bit_is_caught()
    {
        (InMemoryWorldState state, _) = Setup();
        byte[] good = OethClaims.BuildCalldata(PrivateKey(1), ChainId, Beneficiary, 0);
        for (int bit = 0; bit < 64 * 8; bit += 37)
        {
            byte[] bad = (byte[])good.Clone();
            bad[OethClaims.CalldataLength - 64 + bit / 8] ^= (byte)(1 << (bit % 8));
            AssertRefused(state, bad, "bad signature");
        }
    }

    [Test]
    public void A_claim_for_another_chain_is_refused()
    {
        (InMemoryWorldState state, _) = Setup();
        AssertRefused(state, OethClaims.BuildCalldata(PrivateKey(1), ChainId + 1, Beneficiary, 0), $"claim is for chain id {ChainId + 1}, this chain is {ChainId}");
        // Calldata relabelled with this chain's id but signed for the other one: the signature catches it.
        byte[] relabelled = OethClaims.EncodeCalldata(ChainId, Entity(1), Beneficiary, 0, OethClaims.Sign(PrivateKey(1), ChainId + 1, Beneficiary, 0));
        AssertRefused(state, relabelled, "bad signature");
    }

    [Test]
    public void Nothing_to_claim_is_refused_and_uses_no_nonce()
    {
        (InMemoryWorldState state, _) = Setup();
        AssertRefused(state, OethClaims.BuildCalldata(PrivateKey(2), ChainId, Beneficiary, 0), "nothing to claim");
        Assert.That(OethLedger.GetClaimNonce(state, Entity(2)), Is.Zero);
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(135)]
    [TestCase(137)]
    [TestCase(200)]
    public void Wrong_lengths_are_refused(int length)
    {
        (InMemoryWorldState state, _) = Setup();
        byte[] good = OethClaims.BuildCalldata(PrivateKey(1), ChainId, Beneficiary, 0);
        var data = new byte[length];
        good.AsSpan(0, Math.Min(length, good.Length)).CopyTo(data);
        AssertRefused(state, data, $"must be 136 bytes (got {length})");
    }

    [Test]
    public void A_wrong_selector_is_refused()
    {
        (InMemoryWorldState state, _) = Setup();
        byte[] data = OethClaims.BuildCalldata(PrivateKey(1), ChainId, Beneficiary, 0);
        data[3] = (byte)'2';
        AssertRefused(state, data, "selector");
    }

    [Test]
    public void A_public_key_that_is_not_a_curve_point_is_refused_without_throwing()
    {
        (InMemoryWorldState state, _) = Setup();
        byte[] notAPoint = Enumerable.Repeat((byte)0xff, 32).ToArray();
        byte[] data = OethClaims.EncodeCalldata(ChainId, notAPoint, Beneficiary, 0, new byte[64]);
        AssertRefused(state, data, "bad signature");
    }

    [Test]
    public void Signing_message_and_calldata_have_the_documented_layout()
    {
        byte[] message = OethClaims.SigningMessage(0x0102030405060708, Beneficiary, 9);
        Assert.Multiple(() =>
        {
            Assert.That(message, Has.Length.EqualTo(23 + 8 + 20 + 8));
            Assert.That(message[..23], Is.EqualTo("OasisEth OETH claim v1\0"u8.ToArray()));
            Assert.That(BinaryPrimitives.ReadUInt64BigEndian(message.AsSpan(23)), Is.EqualTo(0x0102030405060708UL));
            Assert.That(message[31..51], Is.EqualTo(Beneficiary.ToArray()));
            Assert.That(BinaryPrimitives.ReadUInt64BigEndian(message.AsSpan(51)), Is.EqualTo(9UL));
        });

        byte[] signature = OethClaims.Sign(PrivateKey(1), 5, Beneficiary, 9);
        byte[] calldata = OethClaims.EncodeCalldata(5, Entity(1), Beneficiary, 9, signature);
        Assert.Multiple(() =>
        {
            Assert.That(calldata, Has.Length.EqualTo(136));
            Assert.That(calldata[..4], Is.EqualTo("OEC1"u8.ToArray()));
            Assert.That(BinaryPrimitives.ReadUInt64BigEndian(calldata.AsSpan(4)), Is.EqualTo(5UL));
            Assert.That(calldata[12..44], Is.EqualTo(Entity(1)));
            Assert.That(calldata[44..64], Is.EqualTo(Beneficiary.ToArray()));
            Assert.That(BinaryPrimitives.ReadUInt64BigEndian(calldata.AsSpan(64)), Is.EqualTo(9UL));
            Assert.That(calldata[72..], Is.EqualTo(signature));
            Assert.That(OethClaims.BuildCalldata(PrivateKey(1), 5, Beneficiary, 9), Is.EqualTo(calldata), "Ed25519 signing is deterministic");
        });
    }

    [Test]
    public void Rfc8032_test_vector_1_gives_the_known_public_key()
    {
        // RFC 8032 section 7.1, TEST 1 (empty message): checks we use pure Ed25519, not a variant.
        byte[] secret = Hex.Decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        Assert.That(OethClaims.PublicKey(secret), Is.EqualTo(Hex.Decode("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")));
    }

    [Test]
    public void Helpers_refuse_bad_key_and_signature_sizes()
    {
        Assert.Throws<ArgumentException>(() => OethClaims.Sign(new byte[31], ChainId, Beneficiary, 0));
        Assert.Throws<ArgumentException>(() => OethClaims.EncodeCalldata(ChainId, new byte[31], Beneficiary, 0, new byte[64]));
        Assert.Throws<ArgumentException>(() => OethClaims.EncodeCalldata(ChainId, new byte[32], Beneficiary, 0, new byte[63]));
    }

    /// <summary>Refused with <paramref name="reason"/> and every figure, balance and nonce as before.</summary>
    private static void AssertRefused(InMemoryWorldState state, byte[] calldata, string reason)
    {
        SupplyFigures before = OethLedger.ReadSupply(state);
        UInt256 accrued = OethLedger.GetAccrued(state, Entity(1));
        ulong nonce = OethLedger.GetClaimNonce(state, Entity(1));
        bool beneficiaryExisted = state.Exists(Beneficiary);
        UInt256 beneficiaryBalance = state.GetBalance(Beneficiary);

        Assert.That(OethClaims.Apply(state, ChainId, calldata), Does.Contain(reason));
        Assert.Multiple(() =>
        {
            Assert.That(OethLedger.ReadSupply(state), Is.EqualTo(before));
            Assert.That(OethLedger.GetAccrued(state, Entity(1)), Is.EqualTo(accrued));
            Assert.That(OethLedger.GetClaimNonce(state, Entity(1)), Is.EqualTo(nonce));
            Assert.That(state.Exists(Beneficiary), Is.EqualTo(beneficiaryExisted));
            Assert.That(state.GetBalance(Beneficiary), Is.EqualTo(beneficiaryBalance));
        });
    }
}
