using OasisEth.Evm;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Transactions;

/// <summary>
/// Native system contracts at fixed addresses, run by the <see cref="TransactionProcessor"/> in its execution phase
/// in place of the interpreter. A transaction to such an address is an ordinary transaction in every other phase:
/// validated, charged (up-front fee, nonce, warm set) and settled (refund, fee payment) by the processor, so the
/// chain's fee rules stay in one place. The ParaTime's OETH reward claims are one (Executor's OethClaimHook).
/// </summary>
/// <remarks>
/// Only a transaction's own call is routed here; a contract that CALLs the address reaches an account with no code,
/// as on any EVM chain. The processor moves no value to a system address: the hook sees <c>tx.Value</c> and decides
/// (the claims hook refuses any). The hook writes through the world state inside the transaction; on a failed call
/// the processor undoes every write the hook made, so a hook may write before it knows the outcome. A system call
/// costs no gas beyond the transaction's intrinsic gas. Consensus code: the same inputs and state must give the same
/// result and writes on every node.
/// </remarks>
public interface ISystemCallHook
{
    /// <summary>Whether a transaction to <paramref name="recipient"/> runs <see cref="Call"/> instead of code.</summary>
    bool Handles(in Address recipient);

    /// <summary>Runs the system contract for <paramref name="tx"/> (its recipient is one <see cref="Handles"/>
    /// accepted) after pre-execution, on <paramref name="state"/> inside the transaction.</summary>
    SystemCallResult Call(IWorldState state, BlockContext block, Transaction tx);
}

/// <summary>What a system call did.</summary>
/// <param name="Success">False: the call is refused; its receipt fails, the processor reverts its writes and the
/// output is the revert data.</param>
/// <param name="Output">Return data, or the revert data of a refusal.</param>
/// <param name="Issued">Wei the call credited to balances that no balance paid for (a reward claim moves accrued
/// rewards out of the ledger's figures into a balance): supply accounting counts it in. Zero on refusal.</param>
public readonly record struct SystemCallResult(bool Success, byte[] Output, UInt256 Issued)
{
    public static SystemCallResult Succeeded(in UInt256 issued) => new(true, [], issued);

    public static SystemCallResult Refused(byte[] revertData) => new(false, revertData, UInt256.Zero);
}
