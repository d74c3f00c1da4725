using OasisEth.Primitives;

namespace OasisEth.Transactions;

/// <summary>The secp256k1 range rules every Ethereum signature (r, s) must meet before recovery is tried.</summary>
public static class SignatureRules
{
    /// <summary>The secp256k1 group order n.</summary>
    public static readonly UInt256 SecpN = UInt256.Parse("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");

    /// <summary>floor(n / 2): from Homestead (EIP-2) a larger s is refused, so each signature has one valid form.</summary>
    public static readonly UInt256 SecpHalfN = UInt256.Parse("0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");

    /// <summary>
    /// Null when r and s are in [1, n-1] (and s ≤ n/2 when <paramref name="requireLowS"/>), else why not.
    /// Recovery can still fail for an r in range that is not the x of a curve point; that is reported by the caller.
    /// </summary>
    public static string? CheckRS(in UInt256 r, in UInt256 s, bool requireLowS)
    {
        if (r.IsZero) return "r is zero";
        if (!UInt256.LessThan(r, SecpN)) return "r is not below the secp256k1 order n";
        if (s.IsZero) return "s is zero";
        if (!UInt256.LessThan(s, SecpN)) return "s is not below the secp256k1 order n";
        if (requireLowS && UInt256.GreaterThan(s, SecpHalfN)) return "s is above n/2 (EIP-2 low-s rule, from Homestead)";
        return null;
    }
}
