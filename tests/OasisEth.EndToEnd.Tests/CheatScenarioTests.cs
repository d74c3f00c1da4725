namespace OasisEth.EndToEnd.Tests;

/// <summary>
/// anvil's and Hardhat's cheats with real clients on a node of their own (the edits change the supply figures the
/// other scenarios check): cast rpc + cast send --unlocked, ethers, viem's test client (scenarios/cheats.mjs).
/// </summary>
[TestFixture]
[NonParallelizable]
public class CheatScenarioTests : DevNodeFixture
{
    [Test]
    public void CastEthersAndViemCheats() => Scenario.Run(Node.Url, "cheats.mjs");
}
