using System.Buffers;
using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;

namespace OasisEth.Transactions;

/// <summary>
/// The digest a transaction's signature signs: keccak256 of <c>[type ‖] rlp([fields…, suffix…])</c>.
/// The decoder passes the received encodings of the unsigned fields as one slice (canonical RLP means re-encoding
/// them would give the same bytes), so nothing is re-encoded and the preimage is built with one copy.
/// </summary>
public static class SigningHash
{
    /// <summary>Most transactions are small; only those with large data rent a buffer.</summary>
    private const int StackLimit = 1024;

    /// <param name="typePrefix">The EIP-2718 type byte, or -1 for a legacy transaction.</param>
    /// <param name="encodedFields">The concatenated RLP items of the signed fields.</param>
    /// <param name="encodedSuffix">Further encoded items (EIP-155's <c>chainId, 0, 0</c>), or empty.</param>
    public static Hash256 Compute(int typePrefix, ReadOnlySpan<byte> encodedFields, ReadOnlySpan<byte> encodedSuffix)
    {
        int content = encodedFields.Length + encodedSuffix.Length;
        int total = (typePrefix >= 0 ? 1 : 0) + Rlp.LengthOfList(content);
        byte[]? rented = null;
        Span<byte> buffer = total <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(total));
        try
        {
            int pos = 0;
            if (typePrefix >= 0) buffer[pos++] = (byte)typePrefix;
            pos += Rlp.WriteListHeader(buffer[pos..], content);
            encodedFields.CopyTo(buffer[pos..]);
            pos += encodedFields.Length;
            encodedSuffix.CopyTo(buffer[pos..]);
            pos += encodedSuffix.Length;
            return Keccak.Compute(buffer[..pos]);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Bytes <see cref="WriteEip155Suffix"/> may need.</summary>
    public const int MaxEip155SuffixLength = 1 + 32 + 2;

    /// <summary>The EIP-155 suffix <c>rlp(chainId) ‖ 0x80 ‖ 0x80</c> written into <paramref name="dest"/>; returns its length.</summary>
    public static int WriteEip155Suffix(Span<byte> dest, in UInt256 chainId)
    {
        int n = Rlp.WriteUInt256(dest, chainId);
        dest[n++] = Rlp.EmptyString;
        dest[n++] = Rlp.EmptyString;
        return n;
    }
}
