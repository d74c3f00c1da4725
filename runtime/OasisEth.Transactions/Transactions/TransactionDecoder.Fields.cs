using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;

namespace OasisEth.Transactions;

public static partial class TransactionDecoder
{
    /// <summary>
    /// A field that breaks a transaction rule (width, leading zeros, a list where a string belongs), carrying the whole
    /// reason. Thrown while reading fields and caught with <see cref="RlpException"/> at the decoder's boundary.
    /// </summary>
    private sealed class FieldException(string error) : Exception(error)
    {
        public string Error { get; } = error;
    }

    /// <summary>An integer field of at most 64 bits, minimal big-endian (EIP-2681 nonce, gas limit).</summary>
    private static ulong ReadU64(ref RlpReader list, ref FieldCursor at, string field)
    {
        ReadOnlySpan<byte> bytes = ReadScalar(ref list, ref at, field);
        if (bytes.Length > 8) throw new FieldException($"{OverflowName(field)}: {field} is {bytes.Length} bytes, more than 64 bits");
        ulong value = 0;
        foreach (byte b in bytes) value = (value << 8) | b;
        return value;
    }

    /// <summary>An integer field of at most 256 bits, minimal big-endian.</summary>
    private static UInt256 ReadU256(ref RlpReader list, ref FieldCursor at, string field)
    {
        ReadOnlySpan<byte> bytes = ReadScalar(ref list, ref at, field);
        if (bytes.Length > 32) throw new FieldException($"{OverflowName(field)}: {field} is {bytes.Length} bytes, more than 256 bits");
        return UInt256.FromBigEndian(bytes);
    }

    /// <summary>The payload of a string item holding an integer: not a list, no leading zero bytes.</summary>
    private static ReadOnlySpan<byte> ReadScalar(ref RlpReader list, ref FieldCursor at, string field)
    {
        at.Set(field);
        if (list.IsList) throw new FieldException($"TransactionException.RLP_INVALID_{UpperName(field)}: {field} is a list, expected an integer");
        ReadOnlySpan<byte> bytes = list.ReadBytes();
        if (bytes.Length > 0 && bytes[0] == 0)
            throw new FieldException($"TransactionException.RLP_LEADING_ZEROS_{LeadingZerosName(field)}: {field} has leading zero bytes (integers are minimal big-endian)");
        return bytes;
    }

    /// <summary>A byte-string field (data): any length, not a list.</summary>
    private static byte[] ReadData(ref RlpReader list, ref FieldCursor at)
    {
        at.Set("data");
        if (list.IsList) throw new FieldException("TransactionException.RLP_INVALID_DATA: data is a list, expected a byte string");
        return list.ReadBytes().ToArray();
    }

    // The execution-spec-tests names for each field's errors (their spelling, e.g. maxFeePerGas is "BASEFEE").
    private static string UpperName(string field) => field switch
    {
        "nonce" => "NONCE",
        "gasPrice" => "GASPRICE",
        "maxPriorityFeePerGas" => "PRIORITY_FEE",
        "maxFeePerGas" => "BASEFEE",
        "gasLimit" => "GASLIMIT",
        "value" => "VALUE",
        "v" or "yParity" => "V",
        "r" => "SIGNATURE_R",
        "s" => "SIGNATURE_S",
        "chainId" => "CHAINID",
        "maxFeePerBlobGas" => "BLOBFEE",
        _ => field.ToUpperInvariant(),
    };

    private static string LeadingZerosName(string field) => field switch
    {
        "r" => "R",
        "s" => "S",
        _ => UpperName(field),
    };

    private static string OverflowName(string field) => field switch
    {
        "nonce" => "TransactionException.NONCE_OVERFLOW",
        "gasLimit" => "TransactionException.GASLIMIT_OVERFLOW",
        "value" => "TransactionException.VALUE_OVERFLOW",
        "maxPriorityFeePerGas" => "TransactionException.PRIORITY_OVERFLOW",
        "v" or "yParity" or "r" or "s" => InvalidSignature,
        _ => RlpError,
    };
}
