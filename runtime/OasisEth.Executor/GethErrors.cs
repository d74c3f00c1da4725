using System.Text;
using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// The error strings Ethereum clients parse (geth's wording), from the processor's and decoder's
/// execution-spec-tests names (<c>TransactionException.X: detail</c>), and the revert-reason decoding of eth_call.
/// </summary>
public static class GethErrors
{
    public static string FromReason(string reason)
    {
        int colon = reason.IndexOf(':', StringComparison.Ordinal);
        string name = colon < 0 ? reason : reason[..colon];
        return name switch
        {
            "TransactionException.NONCE_MISMATCH_TOO_LOW" => "nonce too low",
            "TransactionException.NONCE_MISMATCH_TOO_HIGH" => "nonce too high",
            "TransactionException.NONCE_IS_MAX" or "TransactionException.NONCE_TOO_BIG" => "nonce has max value",
            "TransactionException.INSUFFICIENT_ACCOUNT_FUNDS" => "insufficient funds for gas * price + value",
            "TransactionException.INTRINSIC_GAS_TOO_LOW" => "intrinsic gas too low",
            "TransactionException.INSUFFICIENT_MAX_FEE_PER_GAS" => "max fee per gas less than block base fee",
            "TransactionException.GAS_ALLOWANCE_EXCEEDED" => "exceeds block gas limit",
            "TransactionException.SENDER_NOT_EOA" => "sender not an eoa",
            "TransactionException.PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS" => "max priority fee per gas higher than max fee per gas",
            "TransactionException.INITCODE_SIZE_EXCEEDED" => "max initcode size exceeded",
            "TransactionException.GASLIMIT_PRICE_PRODUCT_OVERFLOW" => "insufficient funds for gas * price + value",
            "TransactionException.INVALID_CHAINID" => "invalid chain id",
            "TransactionException.TYPE_NOT_SUPPORTED" => "transaction type not supported",
            "TransactionException.INVALID_SIGNATURE_VRS" or "TransactionException.EC_RECOVERY_FAIL" => "invalid sender",
            _ => reason,
        };
    }

    /// <summary>"execution reverted", with ": reason" when the data is a Solidity <c>Error(string)</c>.</summary>
    public static string Reverted(ReadOnlySpan<byte> data)
    {
        string? reason = TryDecodeErrorString(data);
        return reason is null ? "execution reverted" : "execution reverted: " + reason;
    }

    private static string? TryDecodeErrorString(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 + 64 || data[0] != 0x08 || data[1] != 0xc3 || data[2] != 0x79 || data[3] != 0xa0) return null;
        ReadOnlySpan<byte> body = data[4..];
        UInt256 offset = UInt256.FromBigEndian(body[..32]);
        if (!offset.FitsInUlong || offset.u0 > (ulong)body.Length - 32) return null;
        int at = (int)offset.u0;
        UInt256 length = UInt256.FromBigEndian(body.Slice(at, 32));
        if (!length.FitsInUlong || length.u0 > (ulong)(body.Length - at - 32)) return null;
        try
        {
            return new UTF8Encoding(false, true).GetString(body.Slice(at + 32, (int)length.u0));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
