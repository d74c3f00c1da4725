using System.CommandLine;
using OasisEth.Node.Dev;

namespace OasisEth.Node.Tests;

public class DevCommandLineTests
{
    private static (ParseResult Parse, DevCommandLine Line) Parse(params string[] args)
    {
        var line = new DevCommandLine();
        var dev = new Command("dev");
        line.AddTo(dev);
        var root = new RootCommand { dev };
        return (root.Parse(["dev", .. args]), line);
    }

    private static DevOptions Read(params string[] args)
    {
        (ParseResult parse, DevCommandLine line) = Parse(args);
        Assert.That(parse.Errors, Is.Empty, string.Join("; ", parse.Errors.Select(e => e.Message)));
        return line.Read(parse, "/home/user/project");
    }

    [Test]
    public void DefaultsAreThoseOfTheIssue()
    {
        DevOptions o = Read();
        Assert.That(o.DataDirectory, Is.EqualTo("/home/user/project/.oasis-eth/dev"));
        Assert.That(o.Reset, Is.False);
        Assert.That(o.ChainId, Is.EqualTo(31337UL));
        Assert.That(o.HttpAddress, Is.EqualTo("127.0.0.1"));
        Assert.That(o.HttpPort, Is.EqualTo(8545));
        Assert.That(o.BlockTimeSeconds, Is.Null);
        Assert.That(o.SyncCommits, Is.False);
    }

    [Test]
    public void SyncCommitsIsAFlag()
    {
        Assert.That(Read("--sync-commits").SyncCommits, Is.True);
        (ParseResult parse, _) = Parse("--sync-commits", "maybe");
        Assert.That(parse.Errors, Is.Not.Empty);
    }

    [Test]
    public void StateOptionsAreRead()
    {
        DevOptions none = Read();
        Assert.That(none.DumpStatePath, Is.Null);
        Assert.That(none.LoadStatePath, Is.Null);
        DevOptions both = Read("--dump-state", "out.json", "--load-state", "/tmp/in.json");
        Assert.That(both.DumpStatePath, Is.EqualTo("/home/user/project/out.json"));
        Assert.That(both.LoadStatePath, Is.EqualTo("/tmp/in.json"));
        Assert.That(both.LoadStateIfExists, Is.False, "--load-state names a file that must exist");
        DevOptions state = Read("--state", "s.json");
        Assert.That(state.DumpStatePath, Is.EqualTo("/home/user/project/s.json"));
        Assert.That(state.LoadStatePath, Is.EqualTo("/home/user/project/s.json"));
        Assert.That(state.LoadStateIfExists, Is.True, "--state: the first run creates the file");
    }

    [Test]
    public void EveryOptionIsRead()
    {
        DevOptions o = Read("--datadir", "data/x", "--reset", "--chain-id", "42", "--http.addr", "0.0.0.0", "--http.port", "0", "--block-time", "3");
        Assert.That(o.DataDirectory, Is.EqualTo("/home/user/project/data/x"));
        Assert.That(o.Reset, Is.True);
        Assert.That(o.ChainId, Is.EqualTo(42UL));
        Assert.That(o.HttpAddress, Is.EqualTo("0.0.0.0"));
        Assert.That(o.HttpPort, Is.Zero);
        Assert.That(o.BlockTimeSeconds, Is.EqualTo(3UL));
    }

    [Test]
    public void AbsoluteDataDirectoryIsKept()
    {
        Assert.That(Read("--datadir", "/var/tmp/chain").DataDirectory, Is.EqualTo("/var/tmp/chain"));
    }

    [TestCase("--http.port", "70000")]
    [TestCase("--http.port", "-1")]
    [TestCase("--http.port", "x")]
    [TestCase("--chain-id", "0")]
    [TestCase("--chain-id", "-5")]
    [TestCase("--block-time", "0")]
    [TestCase("--http.addr", "not an address")]
    [TestCase("--datadir", " ")]
    [TestCase("--bogus", "1")]
    public void BadValuesAreUsageErrors(string option, string value)
    {
        Assert.That(Parse(option, value).Parse.Errors, Is.Not.Empty);
    }

    [Test]
    public void Exposure_options_are_read_as_lists_and_default_to_the_nodes_defaults()
    {
        DevOptions defaults = Read();
        Assert.That(defaults.VirtualHosts, Is.Null);
        Assert.That(defaults.CorsOrigins, Is.Null);
        DevOptions o = Read("--http.vhosts", "devbox.lan, localhost", "--allow-origin", "https://remix.ethereum.org,http://localhost:*");
        Assert.That(o.VirtualHosts, Is.EqualTo(new[] { "devbox.lan", "localhost" }));
        Assert.That(o.CorsOrigins, Is.EqualTo(new[] { "https://remix.ethereum.org", "http://localhost:*" }));
        Assert.That(Read("--http.corsdomain", "*").CorsOrigins, Is.EqualTo(new[] { "*" }));
    }

    [Test]
    public void Rollback_to_is_read()
    {
        Assert.That(Read("--rollback-to", "7").RollbackTo, Is.EqualTo(7UL));
        Assert.That(Read().RollbackTo, Is.Null);
    }

    [Test]
    public void Gas_options_default_to_anvils_block_limit_and_geths_call_cap()
    {
        DevOptions o = Read();
        Assert.That((o.GasLimit, o.DisableBlockGasLimit, o.RpcGasCap), Is.EqualTo(((ulong?)null, false, (ulong?)null)));
        Assert.That(o.BlockGasLimit, Is.EqualTo(30_000_000UL));
        Assert.That(o.CallGasCap, Is.EqualTo(50_000_000UL));
    }

    [Test]
    public void Gas_limit_and_rpc_gas_cap_are_read()
    {
        DevOptions o = Read("--gas-limit", "60000000", "--rpc.gascap", "0");
        Assert.That(o.BlockGasLimit, Is.EqualTo(60_000_000UL));
        Assert.That(o.CallGasCap, Is.Zero, "0 = unlimited, as geth's --rpc.gascap");
        Assert.That(Read("--rpc.gascap", "1000000").CallGasCap, Is.EqualTo(1_000_000UL));
    }

    [Test]
    public void Disabling_the_block_gas_limit_lifts_it_and_the_call_cap_unless_a_cap_is_given()
    {
        DevOptions o = Read("--disable-block-gas-limit");
        Assert.That(o.BlockGasLimit, Is.EqualTo((ulong)long.MaxValue));
        Assert.That(o.CallGasCap, Is.Zero);
        Assert.That(Read("--disable-block-gas-limit", "--rpc.gascap", "70000000").CallGasCap, Is.EqualTo(70_000_000UL));
    }

    [TestCase("--gas-limit", "20999")]
    [TestCase("--gas-limit", "9223372036854775808")]
    [TestCase("--gas-limit", "x")]
    [TestCase("--rpc.gascap", "-1")]
    public void Bad_gas_values_are_usage_errors(string option, string value)
    {
        Assert.That(Parse(option, value).Parse.Errors, Is.Not.Empty);
    }

    [Test]
    public void Gas_limit_and_disable_block_gas_limit_together_are_a_usage_error()
    {
        Assert.That(Parse("--gas-limit", "40000000", "--disable-block-gas-limit").Parse.Errors, Is.Not.Empty);
    }
}
