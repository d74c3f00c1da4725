using NBitcoin.Secp256k1;
using OasisEth.Primitives;

namespace OasisEth.Transactions.Tests;

/// <summary>Signs test transactions with secp256k1 (RFC 6979 nonces, low s) through <see cref="TransactionEncoder"/>.</summary>
internal static class TestSigner
{
    public static readonly byte[] Key = Hex.Decode("45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8");

    public static Address AddressOf(ReadOnlySpan<byte> key)
    {
        Assert.That(ECPrivKey.TryCreate(key, out ECPrivKey? priv), Is.True);
        using (priv)
        {
            Span<byte> pub = stackalloc byte[65];
            priv!.CreatePubKey().WriteToSpan(false, pub, out _);
            return Address.FromHash(Keccak.Compute(pub[1..]));
        }
    }

    /// <summary>(r, s, recovery id) of <paramref name="key"/>'s signature over <paramref name="digest"/>.</summary>
    public static (UInt256 R, UInt256 S, int RecoveryId) SignDigest(in Hash256 digest, ReadOnlySpan<byte> key)
    {
        Assert.That(ECPrivKey.TryCreate(key, out ECPrivKey? priv), Is.True);
        using (priv)
        {
            Assert.That(priv!.TrySignRecoverable(digest.Bytes, out SecpRecoverableECDSASignature? signature), Is.True);
            Span<byte> compact = stackalloc byte[64];
            signature!.WriteToSpanCompact(compact, out int recoveryId);
            return (UInt256.FromBigEndian(compact[..32]), UInt256.FromBigEndian(compact[32..]), recoveryId);
        }
    }

    /// <summary>The signed transaction (V, R, S set; Sender not) and its wire encoding.</summary>
    public static (Transaction Tx, byte[] Raw) Sign(TxSpec spec, byte[]? key = null)
    {
        Hash256 digest = TransactionEncoder.ComputeSigningHash(spec.ToTransaction(0, 0, 0));
        (UInt256 r, UInt256 s, int id) = SignDigest(digest, key ?? Key);
        UInt256 v = spec.Type != TxType.Legacy ? (ulong)id
            : spec.ChainId.IsZero ? 27UL + (ulong)id
            : spec.ChainId + spec.ChainId + (35UL + (ulong)id);
        Transaction tx = spec.ToTransaction(v, r, s);
        return (tx, TransactionEncoder.Encode(tx));
    }

    public static byte[] Raw(TxSpec spec, byte[]? key = null) => Sign(spec, key).Raw;

    /// <summary>An EIP-7702 authorization signed by <paramref name="key"/> over <c>0x05 ‖ rlp([chainId, address, nonce])</c>.</summary>
    public static AuthorizationTuple Authorization(in UInt256 chainId, Address address, ulong nonce, byte[]? key = null)
    {
        byte[] payload = OasisEth.Primitives.Rlp.Rlp.EncodeList(OasisEth.Primitives.Rlp.Rlp.EncodeUInt256(chainId),
            OasisEth.Primitives.Rlp.Rlp.EncodeAddress(address), OasisEth.Primitives.Rlp.Rlp.EncodeULong(nonce));
        byte[] preimage = [0x05, .. payload];
        (UInt256 r, UInt256 s, int id) = SignDigest(Keccak.Compute(preimage), key ?? Key);
        return new AuthorizationTuple(chainId, address, nonce, (ulong)id, r, s);
    }
}
