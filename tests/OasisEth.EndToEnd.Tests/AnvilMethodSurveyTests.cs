namespace OasisEth.EndToEnd.Tests;

/// <summary>
/// scenarios/anvil-methods.mjs: every method name of anvil's request enum asked of a real anvil 1.7.1 and of
/// `oasis-eth dev`; the ones anvil answers and the node does not must be exactly docs/json-rpc.md's
/// "anvil methods not answered" table, and the doc's count must be the survey's.
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
            string output = Scenario.Run(node.Url, "anvil-methods.mjs");
            // The doc's count is the survey's: "the node answers N of anvil's M methods".
            System.Text.RegularExpressions.Match count = System.Text.RegularExpressions.Regex.Match(output, @"the node answers (\d+) of anvil's (\d+) methods");
            Assert.That(count.Success, Is.True, output);
            string doc = File.ReadAllText(Path.Combine(E2eEnvironment.E2eDirectory, "..", "..", "docs", "json-rpc.md"));
            Assert.That(doc, Does.Contain($"the node answers {count.Groups[1].Value} of anvil's {count.Groups[2].Value} methods"));
        }
        finally
        {
            Assert.That(node.Terminate(TimeSpan.FromSeconds(30)), Is.Zero);
        }
    }
}
