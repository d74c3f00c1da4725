using OasisEth.Executor;
using OasisEth.Host.Protocol;
using OasisEth.Primitives;
using OasisEth.State.Mkvs;
using BlockHeader = OasisEth.Executor.BlockHeader;
using CheckTxResult = OasisEth.Host.Protocol.CheckTxResult;

namespace OasisEth.ParaTime;

/// <summary>
/// <c>RuntimeCheckTxBatchRequest</c> (rhp-spec §10.4, §6.3): each input checked against the state at the block's root
/// and the next block's base fee, one result per input in order. Success carries the metadata the node's pool orders
/// by: sender = the 20-byte address, sender_seq = the transaction's nonce, sender_state_seq = the account's nonce,
/// priority = the tip the transaction pays at the next base fee (clamped to 64 bits), so a replacement must pay more.
/// </summary>
internal static class CheckTxBatch
{
    public static CheckTxBatchResponse Run(CheckTxBatchRequest request, ChainState chain, GenesisConfig genesis, CancellationToken ct)
    {
        var reader = new MkvsStateReader(chain.Tree);
        BlockHeader head = chain.Head!;
        UInt256 baseFee = BaseFee.ForBlock(head.Number + 1, genesis, head);
        var results = new List<CheckTxResult>(request.Inputs.Count);
        foreach (byte[] raw in request.Inputs)
        {
            ct.ThrowIfCancellationRequested();
            Executor.CheckTxResult check = TransactionAdmission.Check(raw, genesis, head, reader, out ulong stateNonce);
            if (!check.Ok)
            {
                results.Add(CheckTxResult.Fail(EvmErrors.Module, EvmErrors.CodeOf(check.Error!), check.Error!));
                continue;
            }
            var tx = check.Transaction!;
            results.Add(CheckTxResult.Ok(new CheckTxMetadata
            {
                Sender = tx.Sender.Bytes.ToArray(),
                SenderSeq = tx.Nonce,
                SenderStateSeq = stateNonce,
                Priority = Priority(tx, baseFee),
            }));
        }
        return new CheckTxBatchResponse { Results = results };
    }

    /// <summary>The tip per gas at <paramref name="baseFee"/> (admission checked the fee cap covers it).</summary>
    private static ulong Priority(Transactions.Transaction tx, in UInt256 baseFee)
    {
        UInt256 tip = Transactions.FeeRules.EffectiveTip(tx, baseFee);
        return tip > (UInt256)ulong.MaxValue ? ulong.MaxValue : (ulong)tip;
    }
}
