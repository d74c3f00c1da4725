namespace OasisEth.EndToEnd.Tests;

/// <summary>
/// Ewasm contracts on `oasis-eth dev` through ethers (scenarios/ewasm.mjs): the C token built by clang deployed,
/// called, logged and reverted; a Solidity contract calling it; the Ewasm relay calling a Solidity contract, traced.
/// Its own node, so the scenario may use dev account 0 without racing the other scenarios' nonces.
/// </summary>
[TestFixture]
[NonParallelizable]
public class EwasmScenarioTests : DevNodeFixture
{
    [Test]
    public void EwasmContractsDeployCallLogAndRevertAndCallEvmBothWays() => Scenario.Run(Node.Url, "ewasm.mjs");
}
