using OasisEth.Evm;
using OasisEth.Evm.Tracing;
using OasisEth.Transactions;
using OasisEth.State;

namespace OasisEth.Tracing;

/// <summary>
/// Runs one transaction with a tracer attached. Use this rather than <see cref="TransactionProcessor.Execute"/>
/// directly: the tracer is told the transaction's gas limit first (<see cref="ITxTracer.OnTransactionStart"/>),
/// which the interpreter cannot know and geth's callTracer reports as the top frame's gas.
/// </summary>
public static class TracedExecution
{
    public static TransactionResult Execute(TransactionProcessor processor, IWorldState state, BlockContext block, Transaction tx, ITxTracer tracer)
    {
        tracer.OnTransactionStart(tx.GasLimit);
        return processor.Execute(state, block, tx, tracer);
    }
}
