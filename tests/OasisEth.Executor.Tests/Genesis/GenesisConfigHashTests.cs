using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Genesis;

[TestFixture]
public sealed class GenesisConfigHashTests
{
    private static GenesisConfig Base() => GenesisConfig.Parse(GenesisConfigParseTests.Full);

    [Test]
    public void Hash_is_keccak_of_the_tagged_canonical_encoding()
    {
        GenesisConfig g = Base();
        byte[] encoding = g.CanonicalEncoding();
        Assert.Multiple(() =>
        {
            Assert.That(g.Hash, Is.EqualTo(Keccak.Compute(encoding)));
            Assert.That(System.Text.Encoding.ASCII.GetString(encoding), Does.Contain("oasis-eth/genesis/v1"));
        });
    }

    [Test]
    public void Spacing_field_order_and_allocation_order_do_not_change_the_hash()
    {
        string reordered = """
            {"alloc":[{"storage":{"0x02":"0xff","0x1":"0x2a"},"code":"0x6001600055","nonce":3,"balance":"1000000000000000000000000","address":"0xaa00000000000000000000000000000000000001"},
            {"balance":"2","address":"0xbb00000000000000000000000000000000000002"}],
            "rewards":{"roundsPerEpoch":600,"epochs":20,"amountPerEpoch":"5000000000000000000000"},
            "initialBaseFee":"1000000000","minGasPrice":"100","gasLimit":15000000,"timestamp":1700000000,"fork":"Cancun","chainId":1234}
            """;
        Assert.That(GenesisConfig.Parse(reordered).Hash, Is.EqualTo(Base().Hash));
    }

    [Test]
    public void A_config_built_in_code_with_unsorted_allocations_hashes_like_the_sorted_one()
    {
        GenesisConfig g = Base();
        GenesisConfig reversed = g with { Allocations = [g.Allocations[1], g.Allocations[0]] };
        Assert.That(reversed.Hash, Is.EqualTo(g.Hash));
    }

    [Test]
    public void Zero_storage_entries_do_not_change_the_hash()
    {
        GenesisConfig g = Base();
        GenesisAllocation a = g.Allocations[0];
        GenesisAllocation withZero = a with { Storage = [.. a.Storage, new(new UInt256(99), UInt256.Zero)] };
        Assert.That((g with { Allocations = [withZero, g.Allocations[1]] }).Hash, Is.EqualTo(g.Hash));
    }

    private static IEnumerable<TestCaseData> Changes()
    {
        GenesisConfig g = Base();
        GenesisAllocation a = g.Allocations[0];
        yield return new TestCaseData(g with { ChainId = 1235 }).SetName("chain id");
        yield return new TestCaseData(g with { Fork = Fork.Prague }).SetName("fork");
        yield return new TestCaseData(g with { Timestamp = 1 }).SetName("timestamp");
        yield return new TestCaseData(g with { GasLimit = 15_000_001 }).SetName("gas limit");
        yield return new TestCaseData(g with { MinGasPrice = new UInt256(101) }).SetName("min gas price");
        yield return new TestCaseData(g with { InitialBaseFee = new UInt256(1_000_000_001) }).SetName("initial base fee");
        yield return new TestCaseData(g with { Rewards = g.Rewards with { AmountPerEpoch = g.Rewards.AmountPerEpoch + UInt256.One } }).SetName("amount per epoch");
        yield return new TestCaseData(g with { Rewards = g.Rewards with { Epochs = 21 } }).SetName("epochs");
        yield return new TestCaseData(g with { Rewards = g.Rewards with { RoundsPerEpoch = 601 } }).SetName("rounds per epoch");
        yield return new TestCaseData(g with { Allocations = [a with { Balance = a.Balance + UInt256.One }, g.Allocations[1]] }).SetName("balance");
        yield return new TestCaseData(g with { Allocations = [a with { Nonce = 4 }, g.Allocations[1]] }).SetName("nonce");
        yield return new TestCaseData(g with { Allocations = [a with { Code = [0x60, 0x02] }, g.Allocations[1]] }).SetName("code");
        yield return new TestCaseData(g with { Allocations = [a with { Storage = [new(new UInt256(1), new UInt256(0x2b))] }, g.Allocations[1]] }).SetName("storage value");
        yield return new TestCaseData(g with { Allocations = [a with { Storage = [new(new UInt256(3), new UInt256(0x2a)), a.Storage[1]] }, g.Allocations[1]] }).SetName("storage key");
        yield return new TestCaseData(g with { Allocations = [a] }).SetName("allocation removed");
        yield return new TestCaseData(g with { Allocations = [a with { Address = Address.FromLowUlong(7) }, g.Allocations[1]] }).SetName("address");
    }

    [TestCaseSource(nameof(Changes))]
    public void Any_change_to_the_chain_changes_the_hash(GenesisConfig changed) => Assert.That(changed.Hash, Is.Not.EqualTo(Base().Hash));

    [Test]
    public void An_invalid_config_has_no_hash()
    {
        GenesisConfig g = Base() with { ChainId = 0 };
        Assert.Throws<FormatException>(() => _ = g.Hash);
    }
}
