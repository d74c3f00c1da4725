using OasisEth.Node.Dev;

namespace OasisEth.Node.Tests;

/// <summary>--datadir and --reset: one node per directory, and --reset deletes only the chain it made.</summary>
public sealed class DataDirectoryTests
{
    private string _dir = null!;

    [SetUp]
    public void MakeDirectory() => _dir = Path.Combine(Path.GetTempPath(), "oasiseth-node-tests", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DeleteDirectory()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static ulong Number(System.Text.Json.JsonElement e) => Convert.ToUInt64(e.GetString(), 16);

    [Test]
    public async Task Reset_on_a_directory_another_node_runs_on_is_refused_and_deletes_nothing()
    {
        await using DevRun first = await DevRun.StartAsync(DevRun.Options(_dir));
        await first.Call("evm_mine");
        Assert.That(Number(await first.Call("eth_blockNumber")), Is.EqualTo(1UL));
        string[] storeFiles = Directory.GetFiles(Path.Combine(_dir, "store"));

        (int code, _, string errors) = await DevRun.RunToExitAsync(DevRun.Options(_dir, reset: true));

        Assert.That(code, Is.EqualTo(1));
        Assert.That(errors, Does.Contain("in use by another oasis-eth process"));
        Assert.That(Directory.GetFiles(Path.Combine(_dir, "store")), Is.SupersetOf(storeFiles));
        await first.Call("evm_mine");
        Assert.That(await first.StopAsync(), Is.Zero);
        // The chain the first node committed is all there after a restart.
        await using DevRun again = await DevRun.StartAsync(DevRun.Options(_dir));
        Assert.That(Number(await again.Call("eth_blockNumber")), Is.EqualTo(2UL));
    }

    [Test]
    public async Task A_second_node_on_the_same_directory_is_refused()
    {
        await using DevRun first = await DevRun.StartAsync(DevRun.Options(_dir));
        (int code, _, string errors) = await DevRun.RunToExitAsync(DevRun.Options(_dir));
        Assert.That(code, Is.EqualTo(1));
        Assert.That(errors, Does.Contain("in use by another oasis-eth process"));
    }

    [Test]
    public async Task Reset_deletes_the_chain_and_keeps_the_users_own_files()
    {
        await using (DevRun first = await DevRun.StartAsync(DevRun.Options(_dir)))
        {
            await first.Call("evm_mine");
        }
        File.WriteAllText(Path.Combine(_dir, "notes.txt"), "mine");
        Directory.CreateDirectory(Path.Combine(_dir, "contracts"));
        File.WriteAllText(Path.Combine(_dir, "contracts", "Token.sol"), "contract Token {}");

        await using DevRun reset = await DevRun.StartAsync(DevRun.Options(_dir, reset: true));

        Assert.That(Number(await reset.Call("eth_blockNumber")), Is.Zero);
        Assert.That(File.ReadAllText(Path.Combine(_dir, "notes.txt")), Is.EqualTo("mine"));
        Assert.That(File.ReadAllText(Path.Combine(_dir, "contracts", "Token.sol")), Is.EqualTo("contract Token {}"));
    }

    [Test]
    public async Task Reset_of_a_missing_directory_starts_a_new_chain()
    {
        await using DevRun run = await DevRun.StartAsync(DevRun.Options(_dir, reset: true));
        Assert.That(Number(await run.Call("eth_blockNumber")), Is.Zero);
    }
}
