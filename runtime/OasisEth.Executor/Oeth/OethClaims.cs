using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

/// <summary>
/// The reward-claim system contract: a transaction to <see cref="Address"/> (value 0) whose calldata is a claim
/// moves an entity's accrued rewards to a beneficiary, authorised by the entity's Ed25519 signature over
/// (chain id, beneficiary, claim nonce). The executor runs the transaction normally (gas, nonce) and then calls
/// <see cref="Apply"/>; a refused claim makes the receipt fail and changes nothing else.
/// </summary>
public static class OethClaims
{
    public static readonly Address Address = Address.Parse("0x4f45544800000000000000000000000000000003");

    /// <summary>Applies a claim; null on success, else the reason (state untouched).</summary>
    public static string? Apply(IWorldState state, ulong chainId, ReadOnlySpan<byte> calldata) => throw new NotImplementedException();
}
