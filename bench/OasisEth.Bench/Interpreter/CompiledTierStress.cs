using OasisEth.Evm.Compiler;
using OasisEth.Transactions;

namespace OasisEth.Bench.Interpreter;

/// <summary>
/// <c>OasisEth.Bench compiled-stress</c>: every evmone case run again and again on the compiled tier from two threads
/// sharing one compiled-code cache (as the node's RPC threads do), each result checked against the reference. A run
/// must leave nothing behind that changes the next; written after one eth_call comparison saw an answer change
/// between repeats of the same call (not reproduced since, here or through the node).
/// </summary>
public static class CompiledTierStress
{
    private const int Rounds = 6;

    public static int Run()
    {
        var cache = new CompiledCodeCache();
        EvmoneCase[] cases = EvmoneCase.Names.Select(EvmoneCase.Get).ToArray();
        int mismatches = 0;
        var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
        {
            for (int round = 0; round < Rounds; round++)
            {
                foreach (EvmoneCase c in cases)
                {
                    var state = new RestoringWorldState(c.CreatePreState());
                    var processor = new TransactionProcessor(c.Fork, null, new CompiledExecutionEngine(EvmTier.Compiled, cache));
                    int runs = c.ExecutionGas > 10_000_000 ? 2 : 30;
                    for (int i = 0; i < runs; i++)
                    {
                        TransactionResult r = processor.Execute(state, c.Block, c.Transaction);
                        if (r.Success && r.GasUsed == c.GasUsed && r.Output.AsSpan().SequenceEqual(c.Output)) continue;
                        Interlocked.Increment(ref mismatches);
                        Console.WriteLine($"{c.Name}, thread {t}, round {round}, run {i}: success {r.Success}, gas {r.GasUsed} (reference {c.GasUsed}), error {r.Error}");
                    }
                }
            }
        })).ToArray();
        foreach (Thread thread in threads) thread.Start();
        foreach (Thread thread in threads) thread.Join();
        Console.WriteLine($"{cases.Length} cases, {Rounds} rounds on 2 threads: {mismatches} mismatches");
        return mismatches == 0 ? 0 : 1;
    }
}
