using System.Diagnostics.CodeAnalysis;
using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;

namespace OasisEth.Transactions;

public static partial class TransactionDecoder
{
    /// <summary>
    /// <c>type ‖ rlp([chainId, nonce, fees…, gasLimit, to, value, data, accessList, (blob fields | authorizations),
    /// yParity, r, s])</c> where the fees are <c>gasPrice</c> (EIP-2930) or <c>maxPriorityFeePerGas, maxFeePerGas</c>.
    /// </summary>
    private static bool TryDecodeTyped(TxType type, ReadOnlySpan<byte> raw, ulong? chainId,
        [NotNullWhen(true)] out Transaction? tx, [NotNullWhen(false)] out string? error)
    {
        tx = null;
        ReadOnlySpan<byte> body = raw[1..];
        var at = new FieldCursor("transaction");
        try
        {
            if (body.IsEmpty || body[0] < 0xc0)
            {
                error = $"{RlpError}: a type {(byte)type} transaction's payload must be an RLP list";
                return false;
            }
            var outer = new RlpReader(body);
            RlpReader list = outer.ReadList();
            if (outer.HasMore)
            {
                error = $"{RlpError}: {body.Length - outer.Position} trailing bytes after the transaction's list";
                return false;
            }
            int expectedCount = type switch
            {
                TxType.AccessList => 11,
                TxType.DynamicFee => 12,
                TxType.Blob => 14,
                _ => 13, // SetCode
            };
            int count = CountItems(list);
            if (count != expectedCount)
            {
                error = FieldCountError($"a type {(byte)type}", count, expectedCount);
                return false;
            }
            ReadOnlySpan<byte> payload = body[ListHeaderLength(body)..];

            UInt256 txChainId = ReadU256(ref list, ref at, "chainId");
            ulong nonce = ReadU64(ref list, ref at, "nonce");
            UInt256 gasPrice = UInt256.Zero, maxPriorityFee, maxFee;
            if (type == TxType.AccessList)
            {
                gasPrice = ReadU256(ref list, ref at, "gasPrice");
                maxPriorityFee = maxFee = gasPrice;
            }
            else
            {
                maxPriorityFee = ReadU256(ref list, ref at, "maxPriorityFeePerGas");
                maxFee = ReadU256(ref list, ref at, "maxFeePerGas");
            }
            ulong gasLimit = ReadU64(ref list, ref at, "gasLimit");
            at.Set("to");
            // Blob and set-code transactions have an address-typed destination: they cannot create (EIP-4844, EIP-7702).
            string? createForbidden = type switch
            {
                TxType.Blob => "TransactionException.TYPE_3_TX_CONTRACT_CREATION",
                TxType.SetCode => "TransactionException.TYPE_4_TX_CONTRACT_CREATION",
                _ => null,
            };
            if (!TryReadTo(ref list, createForbidden, out Address? to, out error)) return false;
            UInt256 value = ReadU256(ref list, ref at, "value");
            byte[] data = ReadData(ref list, ref at);
            at.Set("accessList");
            AccessListItem[] accessList = ReadAccessList(ref list, ref at);

            UInt256 maxFeePerBlobGas = UInt256.Zero;
            Hash256[] blobHashes = [];
            AuthorizationTuple[] authorizations = [];
            if (type == TxType.Blob)
            {
                maxFeePerBlobGas = ReadU256(ref list, ref at, "maxFeePerBlobGas");
                at.Set("blobVersionedHashes");
                blobHashes = ReadBlobHashes(ref list, ref at);
            }
            else if (type == TxType.SetCode)
            {
                at.Set(AuthorizationListField);
                authorizations = ReadAuthorizations(ref list, ref at);
            }

            int signedEnd = list.Position;
            UInt256 yParity = ReadU256(ref list, ref at, "yParity");
            UInt256 r = ReadU256(ref list, ref at, "r");
            UInt256 s = ReadU256(ref list, ref at, "s");

            if (!yParity.FitsInUlong || yParity.u0 > 1)
            {
                error = $"{InvalidSignature}: yParity = {yParity}, expected 0 or 1";
                return false;
            }
            if (chainId is { } expected && !txChainId.Equals((UInt256)expected))
            {
                error = $"{InvalidChainId}: chain id {txChainId}, expected {expected}";
                return false;
            }

            Hash256 digest = SigningHash.Compute((byte)type, payload[..signedEnd], default);
            if (!TryRecoverSender(digest, r, s, (int)yParity.u0, requireLowS: true, out Address sender, out error)) return false;

            tx = new Transaction
            {
                Type = type,
                Nonce = nonce,
                GasPrice = gasPrice,
                MaxFeePerGas = maxFee,
                MaxPriorityFeePerGas = maxPriorityFee,
                GasLimit = gasLimit,
                To = to,
                Value = value,
                Data = data,
                AccessList = accessList,
                MaxFeePerBlobGas = maxFeePerBlobGas,
                BlobVersionedHashes = blobHashes,
                AuthorizationList = authorizations,
                Sender = sender,
                Hash = Keccak.Compute(raw),
                ChainId = txChainId,
                V = yParity,
                R = r,
                S = s,
            };
            return true;
        }
        catch (RlpException e)
        {
            error = RlpFailure(at, e);
            return false;
        }
        catch (FieldException e)
        {
            error = $"{e.Error} (at {at})";
            return false;
        }
    }

    /// <summary>EIP-2930: <c>[[address, [storageKey, …]], …]</c>, addresses of 20 bytes and keys of 32.</summary>
    private static AccessListItem[] ReadAccessList(ref RlpReader list, ref FieldCursor at)
    {
        RlpReader entries = list.ReadList();
        int count = CountItems(entries);
        if (count == 0) return [];
        var result = new AccessListItem[count];
        for (int i = 0; i < count; i++)
        {
            at.Index = i;
            at.Item = null;
            RlpReader entry = entries.ReadList();
            int fields = CountItems(entry);
            if (fields != 2) throw new RlpException($"RLP: an access-list entry has {fields} items, expected [address, storageKeys]");
            at.SetItem("address");
            ReadOnlySpan<byte> addressBytes = entry.ReadBytes();
            if (addressBytes.Length != Address.Size)
                throw new FieldException($"TransactionException.RLP_INVALID_ACCESS_LIST_ADDRESS_TOO_{(addressBytes.Length < Address.Size ? "SHORT" : "LONG")}: an access-list address is {addressBytes.Length} bytes, expected 20");
            var address = new Address(addressBytes);
            at.SetItem("storageKeys");
            RlpReader keys = entry.ReadList();
            int keyCount = CountItems(keys);
            UInt256[] storageKeys = keyCount == 0 ? [] : new UInt256[keyCount];
            for (int k = 0; k < keyCount; k++)
            {
                at.SetItem("storageKeys", k);
                ReadOnlySpan<byte> key = keys.ReadBytes();
                if (key.Length != Hash256.Size)
                    throw new FieldException($"TransactionException.RLP_INVALID_ACCESS_LIST_STORAGE_TOO_{(key.Length < Hash256.Size ? "SHORT" : "LONG")}: a storage key is {key.Length} bytes, expected 32");
                storageKeys[k] = UInt256.FromBigEndian(key);
            }
            result[i] = new AccessListItem(address, storageKeys);
        }
        return result;
    }

    /// <summary>EIP-4844: a list of 32-byte versioned hashes (their version byte is a validity rule, not a format one).</summary>
    private static Hash256[] ReadBlobHashes(ref RlpReader list, ref FieldCursor at)
    {
        RlpReader hashes = list.ReadList();
        int count = CountItems(hashes);
        if (count == 0) return [];
        var result = new Hash256[count];
        for (int i = 0; i < count; i++)
        {
            at.Index = i;
            result[i] = hashes.ReadHash256();
        }
        return result;
    }

    /// <summary>
    /// EIP-7702: <c>[[chainId, address, nonce, yParity, r, s], …]</c> with the widths the specification gives them
    /// (chain id, r and s 256 bits, nonce 64, yParity 8). A tuple that decodes but does not verify is not a format
    /// error: it is skipped when the list is applied (<see cref="Authorizations"/>).
    /// </summary>
    private static AuthorizationTuple[] ReadAuthorizations(ref RlpReader list, ref FieldCursor at)
    {
        RlpReader tuples = list.ReadList();
        int count = CountItems(tuples);
        if (count == 0) return [];
        var result = new AuthorizationTuple[count];
        for (int i = 0; i < count; i++)
        {
            at.Index = i;
            at.Item = null;
            RlpReader tuple = tuples.ReadList();
            int fields = CountItems(tuple);
            if (fields != 6)
                throw new RlpException($"RLP: an authorization has {fields} items, expected [chainId, address, nonce, yParity, r, s]");
            at.SetItem("chainId");
            UInt256 chainId = tuple.ReadUInt256();
            at.SetItem("address");
            Address address = tuple.ReadAddress();
            at.SetItem("nonce");
            ulong nonce = tuple.ReadULong();
            // Signature fields too wide to hold a signature are EIP-7702's "invalid authority signature".
            at.SetItem("yParity");
            UInt256 yParity = ReadAuthoritySignatureField(ref tuple, 1);
            at.SetItem("r");
            UInt256 r = ReadAuthoritySignatureField(ref tuple, 32);
            at.SetItem("s");
            UInt256 s = ReadAuthoritySignatureField(ref tuple, 32);
            result[i] = new AuthorizationTuple(chainId, address, nonce, yParity, r, s);
        }
        return result;
    }

    private static UInt256 ReadAuthoritySignatureField(ref RlpReader tuple, int maxBytes)
    {
        if (tuple.IsList) throw new RlpException("RLP: an authority signature field is a list, expected an integer");
        ReadOnlySpan<byte> bytes = tuple.ReadBytes();
        if (bytes.Length > maxBytes)
            throw new FieldException($"TransactionException.TYPE_4_INVALID_AUTHORITY_SIGNATURE: a field of {bytes.Length} bytes, at most {maxBytes} (yParity is 8 bits, r and s 256)");
        if (bytes.Length > 0 && bytes[0] == 0) throw new RlpException("RLP: integer has leading zero bytes");
        return UInt256.FromBigEndian(bytes);
    }
}
