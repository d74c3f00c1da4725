using System.Text;
using OasisEth.Evm;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.Transactions;

namespace OasisEth.Executor;

/// <summary>
/// The reward-claim system contract as the transaction processor runs it (<see cref="ISystemCallHook"/>): a
/// transaction to <see cref="OethClaims.Address"/> pays its gas and uses its nonce like any other, and in its
/// execution phase applies the claim in its calldata (<see cref="ISupplyRules.ApplyClaim"/>). A refused claim fails
/// the receipt with the reason as revert data (Solidity's <c>Error(string)</c>) and changes nothing else. A claim
/// carries no value: one that does is refused, and the processor moved none, so nothing is ever stranded there.
/// </summary>
internal sealed class OethClaimHook(ISupplyRules rules, ulong chainId) : ISystemCallHook
{
    public bool Handles(in Address recipient) => recipient == OethClaims.Address;

    public SystemCallResult Call(IWorldState state, BlockContext block, Transaction tx)
    {
        if (!tx.Value.IsZero) return Refused("a claim carries no value");
        UInt256 unclaimedBefore = rules.ReadSupply(state).Unclaimed;
        string? refusal = rules.ApplyClaim(state, chainId, tx.Data);
        if (refusal is not null) return Refused(refusal); // the processor undoes any write the rules made
        UInt256 unclaimedAfter = rules.ReadSupply(state).Unclaimed;
        if (unclaimedAfter > unclaimedBefore)
            throw new InvalidOperationException("A claim increased the unclaimed rewards; the supply rules are broken.");
        // The claimed rewards leave the ledger's unclaimed figure for a balance: the round's burn measure counts them.
        return SystemCallResult.Succeeded(unclaimedBefore - unclaimedAfter);
    }

    private static SystemCallResult Refused(string reason) => SystemCallResult.Refused(AbiError("claim refused: " + reason));

    /// <summary>Solidity's <c>Error(string)</c> encoding, so clients show the refusal as a revert reason.</summary>
    internal static byte[] AbiError(string message)
    {
        byte[] text = Encoding.UTF8.GetBytes(message);
        int padded = (text.Length + 31) / 32 * 32;
        var data = new byte[4 + 32 + 32 + padded];
        data[0] = 0x08; data[1] = 0xc3; data[2] = 0x79; data[3] = 0xa0;
        data[4 + 31] = 0x20;
        new UInt256((ulong)text.Length).WriteBigEndian(data.AsSpan(4 + 32, 32));
        text.CopyTo(data, 4 + 64);
        return data;
    }
}
