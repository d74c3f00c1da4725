using System.Diagnostics.CodeAnalysis;
using NBitcoin.Secp256k1;
using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;
using OasisEth.Transactions;

namespace OasisEth.Executor;

/// <summary>
/// Dev-only transactions sent from an impersonated address (anvil_impersonateAccount + eth_sendTransaction): the
/// dev node has no key, so the transaction carries a recognisable non-signature instead: <c>r = 0</c> and
/// <c>s = the sender's address</c> as an integer (v = 0, or 35 + 2 × chain id for legacy). r = 0 is never a valid
/// ECDSA signature, so every real decoder, the ParaTime runtime's included, refuses these bytes; only the dev
/// chain's own decoding (<see cref="TryDecode"/>) reads the sender out of them. The hash is keccak256 of the bytes
/// as for any transaction, and s makes it differ per sender (anvil hashes the sender in for the same reason).
/// </summary>
public static class ImpersonatedTransactions
{
    /// <summary>A throwaway key used only to let the regular decoder parse and validate the fields (the signature it
    /// makes is discarded; the sender comes from s).</summary>
    private static readonly ECPrivKey ParseKey = Context.Instance.CreateECPrivKey(Keccak.Compute("oasis-eth/impersonation"u8).Bytes);

    /// <summary>The raw bytes of <paramref name="unsigned"/> (fields and chain id set) marked as sent by
    /// <paramref name="sender"/>.</summary>
    public static byte[] Encode(Transaction unsigned, in Address sender)
    {
        ArgumentNullException.ThrowIfNull(unsigned);
        UInt256 v = unsigned.Type != TxType.Legacy ? UInt256.Zero : unsigned.ChainId * 2 + 35UL;
        Transaction marked = unsigned.WithSignature(v, UInt256.Zero, SenderWord(sender));
        return TransactionEncoder.Encode(marked);
    }

    /// <summary>True when <paramref name="raw"/> carries the impersonation mark (r = 0, s a 20-byte address).</summary>
    public static bool IsMarked(ReadOnlySpan<byte> raw, out Address sender)
    {
        sender = default;
        try
        {
            if (!Split(raw, out _, out _, out UInt256 r, out UInt256 s)) return false;
            if (!r.IsZero || s.IsZero || (s >> 160) != UInt256.Zero) return false;
            Span<byte> word = stackalloc byte[32];
            s.WriteBigEndian(word);
            sender = new Address(word[12..]);
            return true;
        }
        catch (RlpException)
        {
            return false;
        }
    }

    /// <summary>
    /// Decodes a marked transaction under the chain's rules (fork, chain id, stateless validity) with the sender its
    /// mark names. False (with the decoder's reason) when the bytes are not a valid marked transaction.
    /// </summary>
    public static bool TryDecode(byte[] raw, GenesisConfig genesis, [NotNullWhen(true)] out Transaction? tx, out string? error)
    {
        tx = null;
        if (!IsMarked(raw, out Address sender))
        {
            error = "not an impersonated transaction";
            return false;
        }
        Split(raw, out int typePrefix, out ReadOnlySpan<byte> fields, out _, out _);
        Span<byte> suffix = stackalloc byte[SigningHash.MaxEip155SuffixLength];
        int suffixLength = typePrefix < 0 ? SigningHash.WriteEip155Suffix(suffix, genesis.ChainId) : 0;
        Hash256 digest = SigningHash.Compute(typePrefix, fields, suffix[..suffixLength]);
        if (!ParseKey.TrySignRecoverable(digest.Bytes, out SecpRecoverableECDSASignature? signature) || signature is null)
        {
            error = "signing failed";
            return false;
        }
        Span<byte> compact = stackalloc byte[64];
        signature.WriteToSpanCompact(compact, out int recoveryId);
        UInt256 v = typePrefix >= 0 ? (ulong)recoveryId : (UInt256)genesis.ChainId * 2 + (ulong)(35 + recoveryId);
        byte[] resigned = Assemble(typePrefix, fields, v, UInt256.FromBigEndian(compact[..32]), UInt256.FromBigEndian(compact[32..]));
        if (!TransactionDecoder.TryDecode(resigned, genesis.Fork, genesis.ChainId, out Transaction? parsed, out error)) return false;
        tx = new Transaction
        {
            Type = parsed.Type,
            ChainId = parsed.ChainId,
            Nonce = parsed.Nonce,
            GasPrice = parsed.GasPrice,
            MaxFeePerGas = parsed.MaxFeePerGas,
            MaxPriorityFeePerGas = parsed.MaxPriorityFeePerGas,
            GasLimit = parsed.GasLimit,
            To = parsed.To,
            Value = parsed.Value,
            Data = parsed.Data,
            AccessList = parsed.AccessList,
            MaxFeePerBlobGas = parsed.MaxFeePerBlobGas,
            BlobVersionedHashes = parsed.BlobVersionedHashes,
            AuthorizationList = parsed.AuthorizationList,
            Sender = sender,
            Hash = Keccak.Compute(raw),
            V = typePrefix >= 0 ? UInt256.Zero : (UInt256)genesis.ChainId * 2 + 35UL,
            R = UInt256.Zero,
            S = SenderWord(sender),
        };
        error = null;
        return true;
    }

    private static UInt256 SenderWord(in Address sender)
    {
        Span<byte> word = stackalloc byte[32];
        word.Clear();
        sender.Bytes.CopyTo(word[12..]);
        return UInt256.FromBigEndian(word);
    }

    /// <summary>The type byte (-1 for legacy), the signed fields' encodings, and r and s.</summary>
    private static bool Split(ReadOnlySpan<byte> raw, out int typePrefix, out ReadOnlySpan<byte> fields, out UInt256 r, out UInt256 s)
    {
        typePrefix = -1;
        fields = default;
        r = s = UInt256.Zero;
        if (raw.IsEmpty) return false;
        ReadOnlySpan<byte> body = raw;
        if (raw[0] < 0x80)
        {
            typePrefix = raw[0];
            body = raw[1..];
        }
        else if (raw[0] < 0xc0) return false;
        if (body.IsEmpty || body[0] < 0xc0) return false;
        var outer = new RlpReader(body);
        RlpReader list = outer.ReadList();
        outer.ReadEnd();
        int count = 0;
        for (RlpReader counter = list; counter.HasMore; count++) counter.SkipItem();
        if (count < 4) return false;
        for (int i = 0; i < count - 3; i++) list.SkipItem();
        int fieldsEnd = list.Position;
        list.SkipItem(); // v
        r = list.ReadUInt256();
        s = list.ReadUInt256();
        // The list reader's positions count from the payload, which follows the list header.
        int headerLength = body[0] <= 0xf7 ? 1 : 1 + (body[0] - 0xf7);
        fields = body.Slice(headerLength, fieldsEnd);
        return true;
    }

    private static byte[] Assemble(int typePrefix, ReadOnlySpan<byte> fields, in UInt256 v, in UInt256 r, in UInt256 s)
    {
        int content = fields.Length + Rlp.LengthOfUInt256(v) + Rlp.LengthOfUInt256(r) + Rlp.LengthOfUInt256(s);
        var result = new byte[(typePrefix >= 0 ? 1 : 0) + Rlp.LengthOfList(content)];
        int pos = 0;
        if (typePrefix >= 0) result[pos++] = (byte)typePrefix;
        pos += Rlp.WriteListHeader(result.AsSpan(pos), content);
        fields.CopyTo(result.AsSpan(pos));
        pos += fields.Length;
        pos += Rlp.WriteUInt256(result.AsSpan(pos), v);
        pos += Rlp.WriteUInt256(result.AsSpan(pos), r);
        Rlp.WriteUInt256(result.AsSpan(pos), s);
        return result;
    }
}
