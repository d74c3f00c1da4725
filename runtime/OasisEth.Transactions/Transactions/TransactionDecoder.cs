using System.Diagnostics.CodeAnalysis;
using OasisEth.Evm.Specs;
using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;

namespace OasisEth.Transactions;

/// <summary>
/// Raw signed transaction bytes → <see cref="Transaction"/> with its sender, under one fork's rules: legacy (an RLP
/// list of 9), EIP-2930 (<c>0x01 ‖ rlp</c>), EIP-1559 (0x02), EIP-4844 (0x03, only under
/// <see cref="TxDecodePolicy.AllowBlobTransactions"/>) and EIP-7702 (0x04), each from the fork that introduced it.
/// The RLP must be canonical (the <see cref="RlpReader"/> enforces it), field counts exact, integers within their
/// widths, the signature in range and recoverable, and the chain id the expected one.
/// <para>
/// Malformed input never throws out of here: every failure is <c>false</c> with a reason that starts with the
/// execution-spec-tests exception name that fits best (<c>TransactionException.…</c>), then says what was wrong.
/// The RLP reader reports malformed input by exception; those are caught at this boundary (the failure path is cold).
/// </para>
/// </summary>
public static partial class TransactionDecoder
{
    private const string TypeNotSupported = "TransactionException.TYPE_NOT_SUPPORTED";
    private const string InvalidSignature = "TransactionException.INVALID_SIGNATURE_VRS";
    private const string InvalidChainId = "TransactionException.INVALID_CHAINID";
    private const string RecoveryFailed = "TransactionException.EC_RECOVERY_FAIL";
    private const string RlpError = "TransactionException.RLP_ERROR";

    /// <summary>
    /// Decodes, recovers the sender and applies the stateless validity rules (<see cref="TransactionValidator"/>:
    /// intrinsic gas, EIP-3860 init code, EIP-2681 nonce, fee products) under <see cref="TxDecodePolicy.Default"/>.
    /// </summary>
    /// <param name="chainId">The chain's id; null accepts any (non-zero, for EIP-155) chain id.</param>
    public static bool TryDecode(ReadOnlySpan<byte> raw, Fork fork, ulong? chainId,
        [NotNullWhen(true)] out Transaction? tx, [NotNullWhen(false)] out string? error) =>
        TryDecode(raw, fork, chainId, TxDecodePolicy.Default, out tx, out error);

    /// <inheritdoc cref="TryDecode(ReadOnlySpan{byte}, Fork, ulong?, out Transaction?, out string?)"/>
    public static bool TryDecode(ReadOnlySpan<byte> raw, Fork fork, ulong? chainId, TxDecodePolicy policy,
        [NotNullWhen(true)] out Transaction? tx, [NotNullWhen(false)] out string? error)
    {
        if (!TryDecodeAndRecover(raw, fork, chainId, policy, out tx, out error)) return false;
        if (TransactionValidator.TryValidate(tx, ForkSpec.Of(fork), out _, out error)) return true;
        tx = null;
        return false;
    }

    /// <summary>
    /// Decoding and sender recovery only, without <see cref="TransactionValidator"/>'s rules: for callers that want
    /// the transaction even when it is invalid for a stateless reason (to report its intrinsic gas, say).
    /// </summary>
    public static bool TryDecodeAndRecover(ReadOnlySpan<byte> raw, Fork fork, ulong? chainId, TxDecodePolicy policy,
        [NotNullWhen(true)] out Transaction? tx, [NotNullWhen(false)] out string? error)
    {
        tx = null;
        if (raw.IsEmpty)
        {
            error = RlpError + ": empty input (a transaction is an RLP list or a type byte and an RLP list)";
            return false;
        }
        byte first = raw[0];
        if (first >= 0xc0) return TryDecodeLegacy(raw, fork, chainId, out tx, out error);
        if (first >= 0x80)
        {
            error = $"{TypeNotSupported}: first byte 0x{first:x2} starts an RLP string; a transaction is an RLP list (legacy) or an EIP-2718 type byte below 0x80";
            return false;
        }

        var type = (TxType)first;
        Fork introduced;
        switch (type)
        {
            case TxType.AccessList: introduced = Fork.Berlin; break;
            case TxType.DynamicFee: introduced = Fork.London; break;
            case TxType.Blob: introduced = Fork.Cancun; break;
            case TxType.SetCode: introduced = Fork.Prague; break;
            default:
                error = $"{TypeNotSupported}: unknown transaction type 0x{first:x2}";
                return false;
        }
        if (fork < introduced)
        {
            error = $"{TypeNotSupported}: type {first} transactions exist from {introduced.FixtureName()}, not in {fork.FixtureName()}";
            return false;
        }
        if (type == TxType.Blob && (policy & TxDecodePolicy.AllowBlobTransactions) == 0)
        {
            error = TypeNotSupported + ": blob transactions are not supported on this chain";
            return false;
        }
        return TryDecodeTyped(type, raw, chainId, out tx, out error);
    }

    /// <summary>Items left in a list reader (a copy is walked; the reader itself does not move).</summary>
    private static int CountItems(RlpReader list)
    {
        int count = 0;
        while (list.HasMore)
        {
            list.SkipItem();
            count++;
        }
        return count;
    }

    /// <summary>Bytes of the header of the (already validated) list item that starts <paramref name="encodedList"/>.</summary>
    private static int ListHeaderLength(ReadOnlySpan<byte> encodedList) =>
        encodedList[0] <= 0xf7 ? 1 : 1 + (encodedList[0] - 0xf7);

    private static string FieldCountError(string kind, int count, int expected) =>
        $"TransactionException.RLP_TOO_{(count < expected ? "FEW" : "MANY")}_ELEMENTS: {kind} transaction has {count} fields, expected {expected}";

    /// <summary>
    /// The destination: exactly 20 bytes, or empty for a contract creation unless <paramref name="createForbidden"/>
    /// names the error this transaction type reports for one.
    /// </summary>
    private static bool TryReadTo(ref RlpReader list, string? createForbidden, out Address? to, [NotNullWhen(false)] out string? error)
    {
        ReadOnlySpan<byte> bytes = list.ReadBytes();
        to = null;
        error = null;
        if (bytes.Length == Address.Size)
        {
            to = new Address(bytes);
            return true;
        }
        if (bytes.Length == 0)
        {
            if (createForbidden is null) return true;
            error = createForbidden + ": this transaction type cannot create a contract (to must be a 20-byte address)";
            return false;
        }
        error = bytes.Length < Address.Size
            ? $"TransactionException.ADDRESS_TOO_SHORT: to is {bytes.Length} bytes, expected 20 (or empty for a creation)"
            : $"TransactionException.ADDRESS_TOO_LONG: to is {bytes.Length} bytes, expected 20 (or empty for a creation)";
        return false;
    }

    /// <summary>Range checks on r and s, then public-key recovery of the signer of <paramref name="digest"/>.</summary>
    private static bool TryRecoverSender(in Hash256 digest, in UInt256 r, in UInt256 s, int parity, bool requireLowS,
        out Address sender, [NotNullWhen(false)] out string? error)
    {
        sender = default;
        string? problem = SignatureRules.CheckRS(r, s, requireLowS);
        if (problem is not null)
        {
            error = $"{InvalidSignature}: {problem}";
            return false;
        }
        if (!SignerRecovery.TryRecover(digest, r, s, parity, out sender))
        {
            error = $"{RecoveryFailed}: no public key recovers from this signature (r is not the x of a curve point)";
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>A malformed item: inside an authorization it is EIP-7702's format error, elsewhere an RLP error.</summary>
    private static string RlpFailure(in FieldCursor at, RlpException e)
    {
        string name = string.Equals(at.Field, AuthorizationListField, StringComparison.Ordinal) ? "TransactionException.TYPE_4_INVALID_AUTHORIZATION_FORMAT" : RlpError;
        return $"{name}: {at}: {e.Message}";
    }

    private const string AuthorizationListField = "authorizationList";
}
