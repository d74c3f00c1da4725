using System.Diagnostics.CodeAnalysis;
using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;

namespace OasisEth.Transactions;

public static partial class TransactionDecoder
{
    private const int LegacyFieldCount = 9;

    // v of an unprotected signature (recovery id + 27) and the EIP-155 base (v = chainId * 2 + 35 + recovery id).
    private const ulong UnprotectedV = 27;
    private const ulong Eip155VBase = 35;

    /// <summary><c>rlp([nonce, gasPrice, gasLimit, to, value, data, v, r, s])</c>.</summary>
    private static bool TryDecodeLegacy(ReadOnlySpan<byte> raw, Fork fork, ulong? chainId,
        [NotNullWhen(true)] out Transaction? tx, [NotNullWhen(false)] out string? error)
    {
        tx = null;
        var at = new FieldCursor("transaction");
        try
        {
            var outer = new RlpReader(raw);
            RlpReader list = outer.ReadList();
            if (outer.HasMore)
            {
                error = $"{RlpError}: {raw.Length - outer.Position} trailing bytes after the transaction's list";
                return false;
            }
            int count = CountItems(list);
            if (count != LegacyFieldCount)
            {
                error = FieldCountError("a legacy", count, LegacyFieldCount);
                return false;
            }
            ReadOnlySpan<byte> payload = raw[ListHeaderLength(raw)..];

            ulong nonce = ReadU64(ref list, ref at, "nonce");
            UInt256 gasPrice = ReadU256(ref list, ref at, "gasPrice");
            ulong gasLimit = ReadU64(ref list, ref at, "gasLimit");
            at.Set("to");
            if (!TryReadTo(ref list, createForbidden: null, out Address? to, out error)) return false;
            UInt256 value = ReadU256(ref list, ref at, "value");
            byte[] data = ReadData(ref list, ref at);
            int signedEnd = list.Position;
            UInt256 v = ReadU256(ref list, ref at, "v");
            UInt256 r = ReadU256(ref list, ref at, "r");
            UInt256 s = ReadU256(ref list, ref at, "s");

            if (!TryInterpretLegacyV(v, fork, chainId, out int parity, out UInt256 txChainId, out error)) return false;
            bool lowS = fork >= Fork.Homestead;

            // Pre-EIP-155 the six fields are signed as they are; EIP-155 appends (chainId, 0, 0).
            Hash256 digest;
            if (txChainId.IsZero)
            {
                digest = SigningHash.Compute(-1, payload[..signedEnd], default);
            }
            else
            {
                Span<byte> suffix = stackalloc byte[SigningHash.MaxEip155SuffixLength];
                int suffixLength = SigningHash.WriteEip155Suffix(suffix, txChainId);
                digest = SigningHash.Compute(-1, payload[..signedEnd], suffix[..suffixLength]);
            }
            if (!TryRecoverSender(digest, r, s, parity, requireLowS: lowS, out Address sender, out error)) return false;

            tx = new Transaction
            {
                Type = TxType.Legacy,
                Nonce = nonce,
                GasPrice = gasPrice,
                // As for the state-test builder: an old transaction's fee cap and tip are its gas price (EIP-1559).
                MaxFeePerGas = gasPrice,
                MaxPriorityFeePerGas = gasPrice,
                GasLimit = gasLimit,
                To = to,
                Value = value,
                Data = data,
                Sender = sender,
                Hash = Keccak.Compute(raw),
                ChainId = txChainId,
                V = v,
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

    /// <summary>
    /// v = 27/28 (unprotected, any fork) or, from Spurious Dragon (EIP-155), chainId * 2 + 35/36. Returns the recovery
    /// id and the chain id (zero when unprotected).
    /// </summary>
    private static bool TryInterpretLegacyV(in UInt256 v, Fork fork, ulong? chainId, out int parity, out UInt256 txChainId,
        [NotNullWhen(false)] out string? error)
    {
        txChainId = UInt256.Zero;
        parity = 0;
        error = null;
        if (v.FitsInUlong && (v.u0 == UnprotectedV || v.u0 == UnprotectedV + 1))
        {
            parity = (int)(v.u0 - UnprotectedV);
            return true;
        }
        // 0 and 1 are y-parities, not legacy v values: reported as a bad signature rather than a wrong chain, as the
        // reference clients do.
        if (fork < Fork.SpuriousDragon || (v.FitsInUlong && v.u0 <= 1))
        {
            error = fork < Fork.SpuriousDragon
                ? $"{InvalidSignature}: v = {v} must be 27 or 28 before EIP-155 (Spurious Dragon)"
                : $"{InvalidSignature}: v = {v} must be 27/28 or chainId * 2 + 35/36 (EIP-155)";
            return false;
        }
        if (UInt256.LessThan(v, Eip155VBase))
        {
            error = $"{InvalidChainId}: v = {v} is neither 27/28 nor chainId * 2 + 35/36 (EIP-155)";
            return false;
        }
        UInt256 offset = v - Eip155VBase;
        parity = (int)(offset.u0 & 1);
        txChainId = offset >> 1;
        if (chainId is { } expected ? !txChainId.Equals((UInt256)expected) : txChainId.IsZero)
        {
            error = chainId is { } e
                ? $"{InvalidChainId}: v = {v} signs for chain id {txChainId}, expected {e} (v = {ProtectedV(e, 0)} or {ProtectedV(e, 1)})"
                : $"{InvalidChainId}: v = {v} signs for chain id 0";
            return false;
        }
        return true;
    }

    private static UInt256 ProtectedV(ulong chainId, ulong parity) => (UInt256)chainId + chainId + (Eip155VBase + parity);
}
