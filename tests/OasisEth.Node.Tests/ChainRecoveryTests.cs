using OasisEth.Executor;
using OasisEth.Node.Dev;

namespace OasisEth.Node.Tests;

/// <summary>A chain wedged by an older version (a block stamped 2^64 - 1) is recovered with --rollback-to.</summary>
public sealed class ChainRecoveryTests
{
    private string _dir = null!;

    [SetUp]
    public void MakeDirectory() => _dir = Path.Combine(Path.GetTempPath(), "oasiseth-node-tests", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DeleteDirectory()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>What an older node left behind: block 1 at a normal time, block 2 at 2^64 - 1.</summary>
    private void WriteWedgedChain()
    {
        using Chain chain = Chain.Open(_dir, DevCommand.Genesis(DevAccounts.Derive(), DevOptions.DefaultChainId));
        byte[][] entities = [DevEntity.Default.PublicKey];
        chain.ExecuteRound(new RoundInput(1, 1_700_000_000, [], entities));
        chain.ExecuteRound(new RoundInput(2, ulong.MaxValue, [], entities));
    }

    [Test]
    public async Task A_wedged_chain_is_named_at_start_and_rollback_to_recovers_it()
    {
        WriteWedgedChain();
        await using (DevRun wedged = await DevRun.StartAsync(DevRun.Options(_dir)))
        {
            Assert.That(wedged.Output, Does.Contain("--rollback-to 1"));
            string error = await wedged.CallError("evm_mine");
            Assert.That(error, Does.Contain("--rollback-to"));
        }

        await using DevRun recovered = await DevRun.StartAsync(DevRun.Options(_dir) with { RollbackTo = 1 });
        Assert.That(recovered.Output, Does.Contain("head is block 1 (was 2)"));
        await recovered.Call("evm_mine");
        await recovered.Call("evm_mine");
        Assert.That((await recovered.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x3"));
    }

    [Test]
    public async Task Rollback_past_the_head_refuses_to_start()
    {
        (int code, _, string errors) = await DevRun.RunToExitAsync(DevRun.Options(_dir) with { RollbackTo = 5 });
        Assert.That(code, Is.EqualTo(1));
        Assert.That(errors, Does.Contain("past the head block 0"));
    }
}
