using OasisEth.Executor;
using OasisEth.Node.Dev;

namespace OasisEth.Node.Tests;

/// <summary>Dev chains run Ewasm now; a data directory made before (its genesis the dev one with Ewasm off) keeps
/// opening as it was made instead of being refused as another genesis.</summary>
public sealed class DevEwasmUpgradeTests
{
    private string _dir = null!;

    [SetUp]
    public void MakeDirectory() => _dir = Path.Combine(Path.GetTempPath(), "oasiseth-node-tests", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DeleteDirectory()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task A_directory_made_without_ewasm_resumes_and_another_genesis_is_still_refused()
    {
        GenesisConfig dev = DevCommand.Genesis(DevAccounts.DefaultAddresses, DevOptions.DefaultChainId);
        Assert.That(dev.Ewasm, Is.True);
        Chain.Open(_dir, dev with { Ewasm = false }, DevCommand.ChainOptions).Dispose();

        await using (DevRun run = await DevRun.StartAsync(DevRun.Options(_dir)))
        {
            await run.Call("evm_mine");
            Assert.That(Convert.ToUInt64((await run.Call("eth_blockNumber")).GetString(), 16), Is.EqualTo(1UL));
            Assert.That(await run.StopAsync(), Is.Zero);
        }

        Directory.Delete(_dir, recursive: true);
        Chain.Open(_dir, dev with { Ewasm = false, GasLimit = 20_000_000 }, DevCommand.ChainOptions).Dispose();
        (int code, _, string errors) = await DevRun.RunToExitAsync(DevRun.Options(_dir));
        Assert.That(code, Is.EqualTo(1));
        Assert.That(errors, Does.Contain("different genesis"));
    }
}
