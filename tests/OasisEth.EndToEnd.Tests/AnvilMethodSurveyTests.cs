namespace OasisEth.EndToEnd.Tests;

/// <summary>
/// scenarios/anvil-methods.mjs: every method name of anvil's request enum asked of a real anvil 1.7.1 and of
/// `oasis-eth dev`; the ones anvil answers and the node does not must be exactly docs/json-rpc.md's
/// "anvil methods not answered" table.
/// </summary>
[TestFixture]
[NonParallelizable]
public class AnvilMethodSurveyTests
{
    [Test]
    public void TheNodeAnswersEveryAnvilMethodTheDocDoesNotList()
    {
        E2eEnvironment.EnsureNodeModules();
        using var dir = new TempDirectory();
        using DevNodeProcess node = DevNodeProcess.Start(dir.Sub("chain"));
        try
        {
            Scenario.Run(node.Url, "anvil-methods.mjs");
        }
        finally
        {
            Assert.That(node.Terminate(TimeSpan.FromSeconds(30)), Is.Zero);
        }
    }
}
