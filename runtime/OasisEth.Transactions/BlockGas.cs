namespace OasisEth.Transactions;

/// <summary>
/// The block gas rule, written once: a transaction starts only if its whole gas limit fits in the gas the block has
/// left (execution-specs <c>check_transaction</c>: <c>tx.gas &lt;= block.gas_limit - block_gas_used</c>, else
/// <c>GAS_ALLOWANCE_EXCEEDED</c>). The processor applies it to a lone transaction (nothing used yet), the round to
/// each entry in turn, pool admission to an empty next block and the dev pool's selection to the block it fills.
/// </summary>
public static class BlockGas
{
    /// <summary>What a block with <paramref name="gasLimit"/> has left after <paramref name="gasUsed"/>.</summary>
    public static ulong Left(ulong gasLimit, ulong gasUsed) => gasUsed >= gasLimit ? 0 : gasLimit - gasUsed;

    /// <summary>Whether a transaction with <paramref name="txGasLimit"/> may start in a block with
    /// <paramref name="gasLimit"/> that has used <paramref name="gasUsed"/>.</summary>
    public static bool Fits(ulong txGasLimit, ulong gasLimit, ulong gasUsed) => txGasLimit <= Left(gasLimit, gasUsed);
}
