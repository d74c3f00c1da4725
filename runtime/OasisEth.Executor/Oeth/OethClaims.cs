using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using OasisEth.Primitives;
using OasisEth.State;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace OasisEth.Executor;

/// <summary>
/// The reward-claim system contract: a transaction to <see cref="Address"/> (value 0) whose calldata is a claim
/// moves an entity's accrued rewards to a beneficiary, authorised by the entity's Ed25519 signature over
/// (chain id, beneficiary, claim nonce). The executor runs the transaction normally (gas, nonce) and then calls
/// <see cref="Apply"/>; a refused claim makes the receipt fail and changes nothing else.
/// </summary>
/// <remarks>
/// Calldata, 136 bytes, fixed layout (not ABI: nothing here is dynamic):
/// <c>selector "OEC1" (4) ‖ chain id (8, big-endian) ‖ entity public key (32) ‖ beneficiary (20) ‖
/// claim nonce (8, big-endian) ‖ Ed25519 signature (64)</c>.
/// The signed message is <c>"OasisEth OETH claim v1\0" (23) ‖ chain id (8) ‖ beneficiary (20) ‖ nonce (8)</c>
/// (pure Ed25519, RFC 8032). The chain id and nonce travel in the calldata as well as in the signature so a
/// refusal can say which one is wrong instead of only "bad signature".
/// </remarks>
public static class OethClaims
{
    public static readonly Address Address = Address.Parse("0x4f45544800000000000000000000000000000003");

    public const int CalldataLength = 4 + 8 + 32 + Address.Size + 8 + SignatureLength;
    public const int SignatureLength = 64;
    public const int PrivateKeyLength = 32;

    /// <summary>"OEC1": OETH claim, layout 1.</summary>
    public static ReadOnlySpan<byte> Selector => "OEC1"u8;

    /// <summary>Domain separator of the signed message: no other message an entity key signs (consensus votes,
    /// other chains' claims, a later layout) starts with it.</summary>
    public static ReadOnlySpan<byte> Domain => "OasisEth OETH claim v1\0"u8;

    private const int ChainIdOffset = 4;
    private const int EntityOffset = ChainIdOffset + 8;
    private const int BeneficiaryOffset = EntityOffset + 32;
    private const int NonceOffset = BeneficiaryOffset + Address.Size;
    private const int SignatureOffset = NonceOffset + 8;

    /// <summary>Applies a claim; null on success, else the reason (state untouched).</summary>
    /// <remarks>Checked in order: length, selector, chain id, nonce (replay or gap), signature, something to
    /// claim. On success: the entity's accrued rewards go to the beneficiary's balance, its claim nonce goes up
    /// by one and the unclaimed figure goes down by the amount. Writes through <paramref name="state"/> without
    /// starting or ending a transaction: call it inside the claim transaction or right after it.</remarks>
    public static string? Apply(IWorldState state, ulong chainId, ReadOnlySpan<byte> calldata)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (calldata.Length != CalldataLength)
            return Invariant($"claim calldata must be {CalldataLength} bytes (got {calldata.Length})");
        if (!calldata[..4].SequenceEqual(Selector))
            return $"claim calldata must start with the selector 0x{Hex.Encode(Selector)} (\"OEC1\"), got 0x{Hex.Encode(calldata[..4])}";

        ulong claimChainId = BinaryPrimitives.ReadUInt64BigEndian(calldata[ChainIdOffset..]);
        if (claimChainId != chainId) return Invariant($"claim is for chain id {claimChainId}, this chain is {chainId}");

        ReadOnlySpan<byte> entity = calldata.Slice(EntityOffset, 32);
        var beneficiary = new Address(calldata.Slice(BeneficiaryOffset, Address.Size));
        ulong nonce = BinaryPrimitives.ReadUInt64BigEndian(calldata[NonceOffset..]);
        ulong expected = OethLedger.GetClaimNonce(state, entity);
        if (nonce < expected) return Invariant($"claim nonce {nonce} was already used (replay); the entity's next claim nonce is {expected}");
        if (nonce > expected) return Invariant($"claim nonce {nonce} is ahead of the entity's next claim nonce {expected}");
        // The stored nonce cannot wrap back to an old value: 2^64 - 1 claims is the end (unreachable in practice).
        if (nonce == ulong.MaxValue) return "claim nonces of this entity are used up";

        Span<byte> message = stackalloc byte[MessageLength];
        WriteMessage(chainId, beneficiary, nonce, message);
        if (!Verify(entity, message, calldata.Slice(SignatureOffset, SignatureLength)))
            return $"bad signature: not an Ed25519 signature by entity 0x{Hex.Encode(entity)} over (chain id, beneficiary, nonce)";

        UInt256 accruedSlot = OethSlots.Accrued(entity);
        UInt256 amount = OethLedger.Read(state, accruedSlot);
        if (amount.IsZero) return $"nothing to claim: entity 0x{Hex.Encode(entity)} has no accrued rewards";
        UInt256 unclaimed = OethLedger.Read(state, OethSlots.Unclaimed);
        // Cannot happen while the ledger is consistent (unclaimed includes every accrual); refuse rather than
        // let the figures wrap.
        if (unclaimed < amount) return "ledger inconsistent: accrued rewards exceed the unclaimed total";

        OethLedger.Write(state, accruedSlot, UInt256.Zero);
        OethLedger.Write(state, OethSlots.ClaimNonce(entity), new UInt256(nonce + 1));
        OethLedger.Write(state, OethSlots.Unclaimed, unclaimed - amount);
        state.AddBalance(beneficiary, amount);
        return null;
    }

    private const int MessageLength = 23 + 8 + Address.Size + 8;

    /// <summary>The bytes the entity signs to let <paramref name="beneficiary"/> receive its claim number
    /// <paramref name="nonce"/> on chain <paramref name="chainId"/>.</summary>
    public static byte[] SigningMessage(ulong chainId, Address beneficiary, ulong nonce)
    {
        var message = new byte[MessageLength];
        WriteMessage(chainId, beneficiary, nonce, message);
        return message;
    }

    /// <summary>The Ed25519 public key (32 bytes) of a 32-byte private key (seed).</summary>
    public static byte[] PublicKey(byte[] privateKey32)
    {
        CheckPrivateKey(privateKey32);
        var publicKey = new byte[32];
        Ed25519.GeneratePublicKey(privateKey32, 0, publicKey, 0);
        return publicKey;
    }

    /// <summary>The entity's signature (64 bytes) over <see cref="SigningMessage"/>.</summary>
    public static byte[] Sign(byte[] privateKey32, ulong chainId, Address beneficiary, ulong nonce)
    {
        CheckPrivateKey(privateKey32);
        byte[] message = SigningMessage(chainId, beneficiary, nonce);
        var signature = new byte[SignatureLength];
        Ed25519.Sign(privateKey32, 0, message, 0, message.Length, signature, 0);
        return signature;
    }

    /// <summary>The claim transaction's calldata (<see cref="CalldataLength"/> bytes, layout in the remarks).</summary>
    public static byte[] EncodeCalldata(ulong chainId, ReadOnlySpan<byte> entityPublicKey, Address beneficiary, ulong nonce,
        ReadOnlySpan<byte> signature)
    {
        if (entityPublicKey.Length != 32) throw new ArgumentException("An entity public key is 32 bytes.", nameof(entityPublicKey));
        if (signature.Length != SignatureLength) throw new ArgumentException("An Ed25519 signature is 64 bytes.", nameof(signature));
        var data = new byte[CalldataLength];
        Selector.CopyTo(data);
        BinaryPrimitives.WriteUInt64BigEndian(data.AsSpan(ChainIdOffset), chainId);
        entityPublicKey.CopyTo(data.AsSpan(EntityOffset));
        beneficiary.CopyTo(data.AsSpan(BeneficiaryOffset));
        BinaryPrimitives.WriteUInt64BigEndian(data.AsSpan(NonceOffset), nonce);
        signature.CopyTo(data.AsSpan(SignatureOffset));
        return data;
    }

    /// <summary>Signs and encodes in one step: the calldata of claim <paramref name="nonce"/> by the entity whose
    /// private key is given.</summary>
    public static byte[] BuildCalldata(byte[] privateKey32, ulong chainId, Address beneficiary, ulong nonce) =>
        EncodeCalldata(chainId, PublicKey(privateKey32), beneficiary, nonce, Sign(privateKey32, chainId, beneficiary, nonce));

    private static void WriteMessage(ulong chainId, Address beneficiary, ulong nonce, Span<byte> message)
    {
        Domain.CopyTo(message);
        BinaryPrimitives.WriteUInt64BigEndian(message[23..], chainId);
        beneficiary.CopyTo(message[31..]);
        BinaryPrimitives.WriteUInt64BigEndian(message[51..], nonce);
    }

    /// <summary>RFC 8032 verification; a key that is not a valid point fails like a wrong signature.</summary>
    private static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        byte[] pk = publicKey.ToArray(), msg = message.ToArray(), sig = signature.ToArray();
        return Ed25519.Verify(sig, 0, pk, 0, msg, 0, msg.Length);
    }

    private static void CheckPrivateKey(byte[] privateKey32)
    {
        ArgumentNullException.ThrowIfNull(privateKey32);
        if (privateKey32.Length != PrivateKeyLength) throw new ArgumentException("An Ed25519 private key (seed) is 32 bytes.", nameof(privateKey32));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
