using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Supply;

/// <summary>The ledger lives in the state, so a chain rollback takes the figures, the epoch bookkeeping and the
/// claim nonces back with it, and replaying the same rounds gives the same blocks and figures.</summary>
[TestFixture]
public sealed class ChainSupplyRollbackTests
{
    [Test]
    public void Rolling_back_and_replaying_rounds_gives_the_same_blocks_and_figures()
    {
        byte[] entityKey = new byte[32];
        entityKey[0] = 0x5e;
        byte[] entity = OethClaims.PublicKey(entityKey);
        GenesisConfig genesis = ChainFixture.DevGenesis(4) with { Rewards = new RewardSchedule(new UInt256(1_000_000), 100, 3) };
        using var f = new ChainFixture(genesis: genesis);
        Address beneficiary = Address.FromLowUlong(0xbeef);

        var inputs = new List<RoundInput>();
        for (ulong n = 1; n <= 10; n++)
        {
            var txs = new List<byte[]> { TestAccounts.Tx(0, n - 1, TestAccounts.Address(1), new UInt256(n), tip: 2_000_000_000) };
            if (n == 7) txs.Add(TestAccounts.Tx(2, 0, OethClaims.Address, 0, OethClaims.BuildCalldata(entityKey, ChainFixture.ChainId, beneficiary, 0), gas: 60_000));
            inputs.Add(new RoundInput(n, n * 6, txs, n % 4 == 0 ? [] : [entity]));
        }

        var hashes = new List<Hash256>();
        var figures = new List<SupplyFigures>();
        foreach (RoundInput input in inputs)
        {
            RoundResult r = f.Chain.ExecuteRound(input);
            Assert.That(r.Receipts.Select(x => x.Success), Is.All.True, $"round {input.Number}");
            hashes.Add(r.Block.Header.Hash);
            figures.Add(f.Chain.GetSupply(input.Number));
        }
        UInt256 claimedBalance = f.Chain.OpenState(10).GetBalance(beneficiary);
        Assert.That(claimedBalance, Is.Not.EqualTo(UInt256.Zero), "the claim at round 7 paid out");

        f.Chain.RollbackTo(5);
        Assert.Multiple(() =>
        {
            Assert.That(f.Chain.GetSupply(5), Is.EqualTo(figures[4]));
            Assert.That(OethLedger.GetClaimNonce(f.Chain.OpenState(5), entity), Is.Zero);
        });
        for (int i = 5; i < inputs.Count; i++)
        {
            RoundResult r = f.Chain.ExecuteRound(inputs[i]);
            Assert.Multiple(() =>
            {
                Assert.That(r.Block.Header.Hash, Is.EqualTo(hashes[i]), $"round {inputs[i].Number} replays to the same block");
                Assert.That(f.Chain.GetSupply(inputs[i].Number), Is.EqualTo(figures[i]), $"round {inputs[i].Number}");
            });
        }
        Assert.That(f.Chain.OpenState(10).GetBalance(beneficiary), Is.EqualTo(claimedBalance));
    }
}
