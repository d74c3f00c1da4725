using OasisEth.Evm;
using OasisEth.Evm.Tracing;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Execution;

/// <summary>
/// Runs one transaction against a world state under Ethereum's rules for a fork, in named phases:
/// validate, pre-execution (nonce, up-front fee, access list, authorizations), execution, post-execution
/// (refund, fee payment). An invalid transaction leaves the state untouched.
/// </summary>
public sealed partial class TransactionProcessor
{
    public TransactionProcessor(Fork fork) => Fork = fork;

    public Fork Fork { get; }

    public TransactionResult Execute(IWorldState state, BlockContext block, Transaction tx, ITxTracer? tracer = null)
        => throw new NotImplementedException("in progress");
}
