using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;

namespace OasisEth.Transactions;

/// <summary>
/// The inverse of <see cref="TransactionDecoder"/>: a transaction's signed encoding (what its hash is taken over) and
/// the digest its signature signs, built from the fields. The decoder computes the digest from the received bytes
/// instead; tests hold the two against each other. Not on a hot path (signing tools, tests, RPC): it favours clarity
/// and allocates.
/// </summary>
public static class TransactionEncoder
{
    /// <summary>
    /// The digest to sign. Legacy: <c>rlp([nonce, gasPrice, gasLimit, to, value, data])</c>, with <c>chainId, 0, 0</c>
    /// appended when <see cref="Transaction.ChainId"/> is non-zero (EIP-155). Typed: <c>type ‖ rlp(fields without the signature)</c>.
    /// </summary>
    public static Hash256 ComputeSigningHash(Transaction tx)
    {
        byte[] fields = Concat(UnsignedFields(tx));
        if (tx.Type == TxType.Legacy)
        {
            if (tx.ChainId.IsZero) return SigningHash.Compute(-1, fields, default);
            Span<byte> suffix = stackalloc byte[SigningHash.MaxEip155SuffixLength];
            int n = SigningHash.WriteEip155Suffix(suffix, tx.ChainId);
            return SigningHash.Compute(-1, fields, suffix[..n]);
        }
        return SigningHash.Compute((byte)tx.Type, fields, default);
    }

    /// <summary>The signed transaction as sent on the wire: the RLP list (legacy) or <c>type ‖ rlp(list)</c>, with V, R, S.</summary>
    public static byte[] Encode(Transaction tx)
    {
        List<byte[]> items = UnsignedFields(tx);
        items.Add(Rlp.EncodeUInt256(tx.V));
        items.Add(Rlp.EncodeUInt256(tx.R));
        items.Add(Rlp.EncodeUInt256(tx.S));
        byte[] list = Rlp.EncodeList([.. items]);
        if (tx.Type == TxType.Legacy) return list;
        var typed = new byte[1 + list.Length];
        typed[0] = (byte)tx.Type;
        list.CopyTo(typed, 1);
        return typed;
    }

    private static List<byte[]> UnsignedFields(Transaction tx)
    {
        var items = new List<byte[]>(14);
        byte[] to = tx.To is { } address ? Rlp.EncodeAddress(address) : Rlp.EncodeBytes([]);
        if (tx.Type == TxType.Legacy)
        {
            items.Add(Rlp.EncodeULong(tx.Nonce));
            items.Add(Rlp.EncodeUInt256(tx.GasPrice));
            items.Add(Rlp.EncodeULong(tx.GasLimit));
            items.Add(to);
            items.Add(Rlp.EncodeUInt256(tx.Value));
            items.Add(Rlp.EncodeBytes(tx.Data));
            return items;
        }

        items.Add(Rlp.EncodeUInt256(tx.ChainId));
        items.Add(Rlp.EncodeULong(tx.Nonce));
        if (tx.Type == TxType.AccessList)
        {
            items.Add(Rlp.EncodeUInt256(tx.GasPrice));
        }
        else
        {
            items.Add(Rlp.EncodeUInt256(tx.MaxPriorityFeePerGas));
            items.Add(Rlp.EncodeUInt256(tx.MaxFeePerGas));
        }
        items.Add(Rlp.EncodeULong(tx.GasLimit));
        items.Add(to);
        items.Add(Rlp.EncodeUInt256(tx.Value));
        items.Add(Rlp.EncodeBytes(tx.Data));
        items.Add(EncodeAccessList(tx.AccessList));
        if (tx.Type == TxType.Blob)
        {
            items.Add(Rlp.EncodeUInt256(tx.MaxFeePerBlobGas));
            var hashes = new byte[tx.BlobVersionedHashes.Length][];
            for (int i = 0; i < hashes.Length; i++) hashes[i] = Rlp.EncodeHash256(tx.BlobVersionedHashes[i]);
            items.Add(Rlp.EncodeList(hashes));
        }
        else if (tx.Type == TxType.SetCode)
        {
            var tuples = new byte[tx.AuthorizationList.Length][];
            for (int i = 0; i < tuples.Length; i++)
            {
                AuthorizationTuple a = tx.AuthorizationList[i];
                tuples[i] = Rlp.EncodeList(Rlp.EncodeUInt256(a.ChainId), Rlp.EncodeAddress(a.Address), Rlp.EncodeULong(a.Nonce),
                    Rlp.EncodeUInt256(a.YParity), Rlp.EncodeUInt256(a.R), Rlp.EncodeUInt256(a.S));
            }
            items.Add(Rlp.EncodeList(tuples));
        }
        return items;
    }

    private static byte[] EncodeAccessList(AccessListItem[] accessList)
    {
        var entries = new byte[accessList.Length][];
        for (int i = 0; i < entries.Length; i++)
        {
            UInt256[] keys = accessList[i].StorageKeys;
            var encodedKeys = new byte[keys.Length][];
            for (int k = 0; k < keys.Length; k++) encodedKeys[k] = Rlp.EncodeHash256(Hash256.FromWord(keys[k]));
            entries[i] = Rlp.EncodeList(Rlp.EncodeAddress(accessList[i].Address), Rlp.EncodeList(encodedKeys));
        }
        return Rlp.EncodeList(entries);
    }

    private static byte[] Concat(List<byte[]> items)
    {
        int length = 0;
        foreach (byte[] item in items) length += item.Length;
        var result = new byte[length];
        int pos = 0;
        foreach (byte[] item in items)
        {
            item.CopyTo(result, pos);
            pos += item.Length;
        }
        return result;
    }
}
