using System.CommandLine;
using OasisEth.Evm.Compiler;
using OasisEth.Node.Dev;

namespace OasisEth.Node.Tests;

/// <summary><c>--evm-tier</c> on the dev and runtime commands.</summary>
public class EvmTierOptionTests
{
    private static ParseResult ParseDev(DevCommandLine line, params string[] args)
    {
        var dev = new Command("dev");
        line.AddTo(dev);
        return new RootCommand { dev }.Parse(["dev", .. args]);
    }

    [TestCase(null, EvmTier.Interpreter)]
    [TestCase("interpreter", EvmTier.Interpreter)]
    [TestCase("compiled", EvmTier.Compiled)]
    [TestCase("auto", EvmTier.Auto)]
    public void The_dev_node_reads_the_tier(string? value, EvmTier expected)
    {
        var line = new DevCommandLine();
        ParseResult parse = value is null ? ParseDev(line) : ParseDev(line, "--evm-tier", value);
        Assert.That(parse.Errors, Is.Empty);
        Assert.That(line.Read(parse, "/tmp").EvmTier, Is.EqualTo(expected));
    }

    [Test]
    public void An_unknown_tier_is_a_usage_error()
    {
        ParseResult parse = ParseDev(new DevCommandLine(), "--evm-tier", "jit");
        Assert.That(parse.Errors.Select(e => e.Message), Has.One.Contains("--evm-tier must be interpreter, compiled or auto"));
    }

    [Test]
    public void The_runtime_command_takes_the_tier()
    {
        // A known tier gets past the command line to the missing socket (exit 1: tests run without OASIS_WORKER_HOST);
        // an unknown one is a usage error (2).
        Assert.That(Cli.Run(["runtime", "--genesis", "dev", "--evm-tier", "auto"]), Is.EqualTo(1));
        Assert.That(Cli.Run(["runtime", "--genesis", "dev", "--evm-tier", "fast"]), Is.EqualTo(2));
    }
}
