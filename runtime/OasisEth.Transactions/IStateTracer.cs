using OasisEth.Evm;
using OasisEth.Evm.Tracing;
using OasisEth.State;

namespace OasisEth.Transactions;

/// <summary>
/// A tracer that reads the world state around the transaction (geth's prestateTracer): the processor hands it the
/// state before anything of the transaction is applied, and again once the transaction is committed. Only the
/// processor's traced path looks for this interface, so untraced execution pays nothing for it.
/// </summary>
public interface IStateTracer : ITxTracer
{
    /// <summary>Before validation: the state is as the transaction finds it (no fee taken, no nonce bumped).
    /// Read it, never write it.</summary>
    void OnTransactionState(IWorldState state, BlockContext block, Transaction tx);

    /// <summary>After the transaction is committed (refund paid, fee credited, empty accounts removed).</summary>
    void OnTransactionCommitted(IWorldState state);
}
