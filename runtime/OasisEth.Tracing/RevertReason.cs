using System.Text;
using OasisEth.Primitives;

namespace OasisEth.Tracing;

/// <summary>
/// Decodes revert data as geth's <c>abi.UnpackRevert</c> does: <c>Error(string)</c> to its message,
/// <c>Panic(uint256)</c> to Solidity's description of the code. Anything else (custom errors, malformed
/// encodings) has no reason.
/// </summary>
public static class RevertReason
{
    private static readonly byte[] ErrorSelector = [0x08, 0xc3, 0x79, 0xa0]; // keccak("Error(string)")[..4]
    private static readonly byte[] PanicSelector = [0x4e, 0x48, 0x7b, 0x71]; // keccak("Panic(uint256)")[..4]

    public static bool TryDecode(ReadOnlySpan<byte> output, out string reason)
    {
        reason = "";
        if (output.Length < 4) return false;
        var args = output[4..];
        // The ABI decoder takes only whole words, and at least one.
        if (args.Length == 0 || args.Length % 32 != 0) return false;
        if (output[..4].SequenceEqual(ErrorSelector)) return TryDecodeString(args, out reason);
        if (output[..4].SequenceEqual(PanicSelector))
        {
            var code = UInt256.FromBigEndian(args[..32]);
            reason = code.FitsInUlong && PanicText(code.u0) is { } known
                ? known
                : "unknown panic code: " + code.ToHexString();
            return true;
        }
        return false;
    }

    private static bool TryDecodeString(ReadOnlySpan<byte> args, out string text)
    {
        text = "";
        // Head: the offset of the string's length word; tail: length, then the bytes. Every bound is checked
        // in 256-bit arithmetic first, so a hostile offset cannot overflow an int.
        var offset = UInt256.FromBigEndian(args[..32]);
        if (!offset.FitsInUlong || offset.u0 > (ulong)args.Length - 32) return false;
        int lengthAt = (int)offset.u0;
        var length = UInt256.FromBigEndian(args.Slice(lengthAt, 32));
        int start = lengthAt + 32;
        if (!length.FitsInUlong || length.u0 > (ulong)(args.Length - start)) return false;
        text = Encoding.UTF8.GetString(args.Slice(start, (int)length.u0)); // invalid UTF-8 becomes U+FFFD, as Go's JSON does
        return true;
    }

    /// <summary>Solidity's panic codes (the list geth and ethers use).</summary>
    private static string? PanicText(ulong code) => code switch
    {
        0x00 => "generic panic",
        0x01 => "assert(false)",
        0x11 => "arithmetic underflow or overflow",
        0x12 => "division or modulo by zero",
        0x21 => "enum overflow",
        0x22 => "invalid encoded storage byte array accessed",
        0x31 => "out-of-bounds array access; popping on an empty array",
        0x32 => "out-of-bounds access of an array or bytesN",
        0x41 => "out of memory",
        0x51 => "uninitialized function",
        _ => null,
    };
}
