namespace OasisEth.EndToEnd.Tests;

/// <summary>
/// Every tracer against a real anvil 1.7.1 (scenarios/tracers.mjs): the same signed transactions on anvil and on a
/// fresh `oasis-eth dev` (fresh so both chains have the same nonces, addresses and block numbers), then callTracer,
/// prestateTracer (both modes), 4byteTracer, debug_traceBlockBy*, trace_*, and ots_* answers compared field by field,
/// with the deliberate differences named in the script and docs/json-rpc.md.
/// </summary>
[TestFixture]
[NonParallelizable]
public class TracerScenarioTests
{
    [Test]
    public void TracersAnswerAsAnvilDoesOnTheSameTransactions()
    {
        E2eEnvironment.EnsureNodeModules();
        using var dir = new TempDirectory();
        using DevNodeProcess node = DevNodeProcess.Start(dir.Sub("chain"));
        try
        {
            string output = Scenario.Run(node.Url, "tracers.mjs");
            Assert.That(output, Does.Contain("ok: deployAndKill: prestateTracer diffMode (coinbase aside)"));
            Assert.That(output, Does.Contain("ok: trace_filter"));
        }
        finally
        {
            Assert.That(node.Terminate(TimeSpan.FromSeconds(30)), Is.Zero);
        }
    }
}
