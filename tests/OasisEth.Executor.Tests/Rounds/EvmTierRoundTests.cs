using OasisEth.Evm.Compiler;
using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Rounds;

/// <summary>
/// The EVM tier (<see cref="ChainOptions.EvmTier"/>) is speed only: the same rounds on the interpreter, on code compiled
/// before its first run and on the auto tier (which compiles the token once it is hot, part way through) seal the same
/// blocks (state root, receipts, gas), and calls answer the same.
/// </summary>
public sealed class EvmTierRoundTests
{
    private const int Rounds = 24; // past the auto tier's threshold of hot frames

    private static (List<Hash256> Blocks, List<string> Calls, int Compilations) Run(EvmTier tier)
    {
        using var f = new ChainFixture(options: new ChainOptions { SyncCommits = false, EvmTier = tier });
        Address token = BenchToken.CreatedBy(TestAccounts.Address(0), 0);
        var blocks = new List<Hash256> { f.Round(TestAccounts.Tx(0, 0, null, 0, BenchToken.CreationCode(), gas: 2_000_000)).Block.Header.Hash };
        var calls = new List<string>();
        blocks.Add(f.Round(TestAccounts.Tx(0, 1, token, 0, BenchToken.Mint(TestAccounts.Address(1), 1_000_000), gas: 200_000)).Block.Header.Hash);
        for (int i = 0; i < Rounds; i++)
        {
            RoundResult r = f.Round(
                TestAccounts.Tx(1, (ulong)(2 * i), token, 0, BenchToken.Transfer(TestAccounts.Address(2 + i % 5), (UInt256)(ulong)(i + 1)), gas: 200_000),
                // Account 2+ hold few tokens: some of these revert (InsufficientBalance), some succeed.
                TestAccounts.Tx(2, (ulong)i, token, 0, BenchToken.Transfer(TestAccounts.Address(1), (UInt256)(ulong)(i % 3)), gas: 200_000),
                // Too little gas: out of gas inside the token.
                TestAccounts.Tx(1, (ulong)(2 * i + 1), token, 0, BenchToken.Transfer(TestAccounts.Address(3), 1), gas: 21_000 + 3_000 + (ulong)i * 500));
            blocks.Add(r.Block.Header.Hash);
            CallOutcome call = f.Chain.Call(new CallRequest { To = token, Data = BenchToken.BalanceOf(TestAccounts.Address(2)) }, f.Chain.Head.Number);
            calls.Add($"{call.Success} {call.GasUsed} {Convert.ToHexString(call.Output)} {call.Error}");
        }
        return (blocks, calls, f.Chain.Engines.Cache?.Compilations ?? 0);
    }

    [TestCase(EvmTier.Compiled)]
    [TestCase(EvmTier.Auto)]
    public void Every_tier_seals_the_interpreters_blocks(EvmTier tier)
    {
        var interpreted = Run(EvmTier.Interpreter);
        var other = Run(tier);
        Assert.That(other.Blocks, Is.EqualTo(interpreted.Blocks));
        Assert.That(other.Calls, Is.EqualTo(interpreted.Calls));
        Assert.That(interpreted.Calls.Distinct().Count(), Is.GreaterThan(1), "the balance changes from round to round");
        Assert.That(other.Compilations, Is.Positive, "the token was compiled");
    }
}
