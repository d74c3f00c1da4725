using OasisEth.Primitives;
using OasisEth.Tests.Shared;

namespace OasisEth.Executor.Tests.Genesis;

/// <summary>The example in docs/genesis.md is a file the parser takes, with the dev chain's values.</summary>
[TestFixture]
public sealed class GenesisDocTests
{
    [Test]
    public void The_documented_example_parses_and_matches_the_dev_values()
    {
        string doc = File.ReadAllText(Path.Combine(SharedFixtures.FindAbove("docs"), "genesis.md"));
        int start = doc.IndexOf("```json", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "docs/genesis.md has a json example");
        start += "```json".Length;
        string json = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];

        GenesisConfig example = GenesisConfig.Parse(json);
        GenesisConfig dev = GenesisConfig.Dev([(example.Allocations[1].Address, example.Allocations[1].Balance)]);
        Assert.Multiple(() =>
        {
            Assert.That(example.Allocations, Has.Count.EqualTo(2));
            Assert.That(example.Allocations[0].Storage, Has.Count.EqualTo(2));
            Assert.That(example with { Allocations = dev.Allocations }, Is.EqualTo(dev), "same chain values as Dev");
            Assert.That(example.Rewards.AmountPerEpoch, Is.EqualTo(new UInt256(10_000) * GenesisConfig.Oeth));
        });
    }
}
