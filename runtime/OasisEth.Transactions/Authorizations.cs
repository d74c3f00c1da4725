using OasisEth.Evm;
using OasisEth.Evm.Gas;
using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;
using OasisEth.State;

namespace OasisEth.Transactions;

/// <summary>EIP-7702: applying the authorization list of a set-code transaction. Invalid tuples are skipped, not fatal.</summary>
public static class Authorizations
{
    private const byte Magic = 0x05;

    // secp256k1 group order n and n/2: signatures with s > n/2 are rejected (EIP-2).
    private static readonly UInt256 SecpN = UInt256.Parse("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
    private static readonly UInt256 SecpHalfN = UInt256.Parse("0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");

    /// <summary>Applies one tuple; returns the gas refund it earns (12,500 when the authority already existed), or 0.</summary>
    public static long Apply(IWorldState state, in UInt256 chainId, AuthorizationTuple auth)
    {
        if (!auth.ChainId.IsZero && !auth.ChainId.Equals(chainId)) return 0;
        if (auth.Nonce == ulong.MaxValue) return 0;
        if (!TryRecoverAuthority(auth, out var authority)) return 0;

        state.WarmUpAccount(authority); // warm even if the tuple turns out invalid below
        byte[] code = state.GetCode(authority);
        if (code.Length != 0 && !Delegation.IsDesignator(code)) return 0;
        if (state.GetNonce(authority) != auth.Nonce) return 0;

        long refund = state.Exists(authority) ? GasCost.PerEmptyAccountEip7702 - GasCost.PerAuthBaseEip7702 : 0;
        state.SetNonce(authority, auth.Nonce + 1);
        state.SetCode(authority, auth.Address == Address.Zero ? [] : Delegation.DesignatorFor(auth.Address));
        return refund;
    }

    /// <summary>The signer of keccak256(0x05 || rlp([chain_id, address, nonce])).</summary>
    public static bool TryRecoverAuthority(AuthorizationTuple auth, out Address authority)
    {
        authority = default;
        if (!auth.YParity.FitsInUlong || auth.YParity.u0 > 1) return false;
        if (auth.R.IsZero || auth.S.IsZero || !UInt256.LessThan(auth.R, SecpN) || UInt256.GreaterThan(auth.S, SecpHalfN)) return false;

        byte[] payload = Rlp.EncodeList(Rlp.EncodeUInt256(auth.ChainId), Rlp.EncodeAddress(auth.Address), Rlp.EncodeULong(auth.Nonce));
        var preimage = new byte[1 + payload.Length];
        preimage[0] = Magic;
        payload.CopyTo(preimage, 1);
        Hash256 digest = Keccak.Compute(preimage);
        return SignerRecovery.TryRecover(digest, auth.R, auth.S, (int)auth.YParity.u0, out authority);
    }
}
