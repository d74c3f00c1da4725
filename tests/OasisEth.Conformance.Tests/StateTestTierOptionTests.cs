using NUnit.Framework;
using OasisEth.StateTest;
using OasisEth.Tests.Shared;

namespace OasisEth.Conformance.Tests;

/// <summary><c>statetest --evm-tier</c>: the same output lines on every tier, and an unknown tier is a usage error.</summary>
public class StateTestTierOptionTests
{
    private static (int Exit, string Out, string Err) Run(string? tier)
    {
        string file = Path.Combine(SharedFixtures.Conformance, "GeneralStateTests", "VMTests", "vmArithmeticTest", "add.json");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = StateTestCommand.Run(file, null, false, null, stdout, stderr, null, tierName: tier);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Test]
    public void Every_tier_prints_the_interpreters_lines()
    {
        var interpreted = Run(null);
        Assert.That(interpreted.Exit, Is.Zero, interpreted.Err);
        Assert.That(interpreted.Out, Does.Contain("\"pass\":true"));
        foreach (string tier in new[] { "interpreter", "compiled", "auto" })
            Assert.That(Run(tier), Is.EqualTo(interpreted), tier);
    }

    [Test]
    public void An_unknown_tier_is_a_usage_error()
    {
        var run = Run("jit");
        Assert.That(run.Exit, Is.EqualTo(StateTestCommand.ExitUsage));
        Assert.That(run.Err, Does.Contain("unknown EVM tier \"jit\""));
    }
}
