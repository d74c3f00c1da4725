using OasisEth.Primitives;

namespace OasisEth.State;

/// <summary>
/// Wrapping 256-bit add/subtract for balances. Kept here so the state does not wait on the UInt256
/// arithmetic partials; balances never come near 2^256, so wrapping is never observed.
/// </summary>
internal static class BalanceMath
{
    public static UInt256 Add(in UInt256 a, in UInt256 b)
    {
        ulong r0 = a.u0 + b.u0;
        ulong c = r0 < a.u0 ? 1UL : 0UL;
        ulong r1 = a.u1 + b.u1 + c;
        c = (r1 < a.u1 || (c == 1 && r1 == a.u1)) ? 1UL : 0UL;
        ulong r2 = a.u2 + b.u2 + c;
        c = (r2 < a.u2 || (c == 1 && r2 == a.u2)) ? 1UL : 0UL;
        ulong r3 = a.u3 + b.u3 + c;
        return new UInt256(r0, r1, r2, r3);
    }

    public static UInt256 Subtract(in UInt256 a, in UInt256 b)
    {
        ulong r0 = a.u0 - b.u0;
        ulong borrow = a.u0 < b.u0 ? 1UL : 0UL;
        ulong r1 = a.u1 - b.u1 - borrow;
        borrow = (a.u1 < b.u1 || (borrow == 1 && a.u1 == b.u1)) ? 1UL : 0UL;
        ulong r2 = a.u2 - b.u2 - borrow;
        borrow = (a.u2 < b.u2 || (borrow == 1 && a.u2 == b.u2)) ? 1UL : 0UL;
        ulong r3 = a.u3 - b.u3 - borrow;
        return new UInt256(r0, r1, r2, r3);
    }
}
