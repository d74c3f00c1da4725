using NBitcoin.Secp256k1;
using OasisEth.Transactions;
using OasisEth.Executor.Tests.Calls;
using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;

namespace OasisEth.Executor.Tests.Rounds;

/// <summary>Every transaction type the chain carries, in one round: legacy without and with EIP-155, EIP-2930,
/// EIP-1559 and EIP-7702 (a delegation that then runs the delegate's code in the authority's account).</summary>
public sealed class TransactionTypeTests
{
    [Test]
    public void AllSupportedTypesExecuteInOneRound()
    {
        using var f = new ChainFixture(genesis: CallContracts.Genesis());
        Address authority = TestAccounts.Address(4);
        AuthorizationTuple auth = Authorize(4, ChainFixture.ChainId, CallContracts.Setter, nonce: 0);
        byte[] setCode = TestAccounts.Sign(new Transaction
        {
            Type = TxType.SetCode, ChainId = ChainFixture.ChainId, Nonce = 0, MaxFeePerGas = 10_000_000_000,
            MaxPriorityFeePerGas = 1, GasLimit = 200_000, To = authority, AuthorizationList = [auth],
        }, TestAccounts.Key(5));
        byte[] accessList = TestAccounts.Sign(new Transaction
        {
            Type = TxType.AccessList, ChainId = ChainFixture.ChainId, Nonce = 0, GasPrice = 2_000_000_000, GasLimit = 100_000,
            To = CallContracts.Setter, AccessList = [new AccessListItem(CallContracts.Setter, [UInt256.Zero])],
        }, TestAccounts.Key(3));

        RoundResult r = f.Round(
            TestAccounts.Legacy(0, 0, TestAccounts.Address(1), 1, chainId: 0),
            TestAccounts.Legacy(1, 0, TestAccounts.Address(2), 1),
            accessList,
            TestAccounts.Tx(2, 0, TestAccounts.Address(3), 1),
            setCode);

        Assert.That(r.Rejected, Is.Empty, string.Join("; ", r.Rejected.Select(x => x.Reason)));
        Assert.That(r.Receipts.Select(x => x.Type),
            Is.EqualTo(new[] { TxType.Legacy, TxType.Legacy, TxType.AccessList, TxType.DynamicFee, TxType.SetCode }));
        Assert.That(r.Receipts.All(x => x.Success), Is.True);
        Assert.That(r.Block.Transactions[0].Transaction.ChainId, Is.EqualTo(UInt256.Zero));

        IStateView state = f.Chain.OpenState(1);
        Assert.That(state.GetCode(authority), Is.EqualTo(OasisEth.Evm.Delegation.DesignatorFor(CallContracts.Setter)));
        Assert.That(state.GetStorage(authority, UInt256.Zero), Is.EqualTo(UInt256.One), "the delegate's SSTORE ran in the authority's account");
        Assert.That(state.GetStorage(CallContracts.Setter, UInt256.Zero), Is.EqualTo(UInt256.One), "the access-list call");
        Assert.That(state.GetNonce(authority), Is.EqualTo(1UL), "the authorization bumps the authority's nonce");

        // A delegated account may still send (EIP-7702 designators are not code for EIP-3607).
        Assert.That(f.Chain.CheckTx(TestAccounts.Tx(4, 1, TestAccounts.Address(1), 1)).Ok, Is.True);
    }

    private static AuthorizationTuple Authorize(int key, ulong chainId, Address target, ulong nonce)
    {
        byte[] payload = Rlp.EncodeList(Rlp.EncodeULong(chainId), Rlp.EncodeAddress(target), Rlp.EncodeULong(nonce));
        Hash256 digest = Keccak.Compute([0x05, .. payload]);
        Assert.That(ECPrivKey.TryCreate(TestAccounts.Key(key), out ECPrivKey? priv), Is.True);
        using (priv)
        {
            Assert.That(priv!.TrySignRecoverable(digest.Bytes, out SecpRecoverableECDSASignature? signature), Is.True);
            var compact = new byte[64];
            signature!.WriteToSpanCompact(compact, out int id);
            return new AuthorizationTuple(chainId, target, nonce, (ulong)id, UInt256.FromBigEndian(compact.AsSpan(0, 32)),
                UInt256.FromBigEndian(compact.AsSpan(32)));
        }
    }
}
