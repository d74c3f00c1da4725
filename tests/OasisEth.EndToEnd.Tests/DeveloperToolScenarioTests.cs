namespace OasisEth.EndToEnd.Tests;

/// <summary>
/// Hardhat 3 and forge against their own `oasis-eth dev` (their snapshots, reverts and clock moves must not reach
/// the other scenarios' chain), run the way developers run them: `npx hardhat test --network NAME` on
/// tests/e2e/hardhat with the node's accounts and then with local keys, and forge build/create/script on
/// tests/e2e/forge checked with cast. Both compile offline with the pinned solc-js.
/// </summary>
[TestFixture]
[NonParallelizable]
public class DeveloperToolScenarioTests : DevNodeFixture
{
    [Test, Order(1)]
    public void HardhatTestWithTheNodesAccounts()
    {
        string output = Scenario.Run(Node.Url, "hardhat.mjs", "oasis");
        Assert.That(output, Does.Contain("oasis-eth dev through Hardhat (oasis)"));
    }

    [Test, Order(2)]
    public void HardhatTestWithLocalKeys()
    {
        string output = Scenario.Run(Node.Url, "hardhat.mjs", "oasisKeys");
        Assert.That(output, Does.Contain("oasis-eth dev through Hardhat (oasisKeys)"));
    }

    [Test, Order(3)]
    public void ForgeBuildCreateAndScriptBroadcastCheckedWithCast() => Scenario.Run(Node.Url, "forge.mjs");
}
