using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Genesis;

[TestFixture]
public sealed class GenesisConfigParseTests
{
    /// <summary>Every field set; allocations deliberately out of address order.</summary>
    internal const string Full = """
        {
          "chainId": 1234,
          "fork": "Cancun",
          "timestamp": 1700000000,
          "gasLimit": 15000000,
          "minGasPrice": "100",
          "initialBaseFee": "1000000000",
          "rewards": { "amountPerEpoch": "5000000000000000000000", "epochs": 20, "roundsPerEpoch": 600 },
          "alloc": [
            { "address": "0xbb00000000000000000000000000000000000002", "balance": "2" },
            {
              "address": "0xaa00000000000000000000000000000000000001",
              "balance": "1000000000000000000000000",
              "nonce": 3,
              "code": "0x6001600055",
              "storage": { "0x01": "0x2a", "0x0000000000000000000000000000000000000000000000000000000000000002": "0xff" }
            }
          ]
        }
        """;

    private static string Minimal(string rest = "") => "{ \"chainId\": 5, \"minGasPrice\": \"0\", \"initialBaseFee\": \"0\", " +
        "\"rewards\": { \"amountPerEpoch\": \"0\", \"epochs\": 0, \"roundsPerEpoch\": 1 }" + rest + " }";

    [Test]
    public void Full_file_reads_every_field()
    {
        GenesisConfig g = GenesisConfig.Parse(Full);
        Assert.Multiple(() =>
        {
            Assert.That(g.ChainId, Is.EqualTo(1234UL));
            Assert.That(g.Fork, Is.EqualTo(Fork.Cancun));
            Assert.That(g.Timestamp, Is.EqualTo(1_700_000_000UL));
            Assert.That(g.GasLimit, Is.EqualTo(15_000_000UL));
            Assert.That(g.MinGasPrice, Is.EqualTo(new UInt256(100)));
            Assert.That(g.InitialBaseFee, Is.EqualTo(new UInt256(1_000_000_000)));
            Assert.That(g.Rewards, Is.EqualTo(new RewardSchedule(UInt256.Parse("5000000000000000000000"), 20, 600)));
            Assert.That(g.Allocations, Has.Count.EqualTo(2));
        });
        GenesisAllocation first = g.Allocations[0], second = g.Allocations[1];
        Assert.Multiple(() =>
        {
            Assert.That(first.Address, Is.EqualTo(Address.Parse("0xaa00000000000000000000000000000000000001")), "sorted by address");
            Assert.That(first.Balance, Is.EqualTo(UInt256.Parse("1000000000000000000000000")));
            Assert.That(first.Nonce, Is.EqualTo(3UL));
            Assert.That(first.Code, Is.EqualTo(new byte[] { 0x60, 0x01, 0x60, 0x00, 0x55 }));
            Assert.That(first.Storage, Is.EqualTo(new[]
            {
                new KeyValuePair<UInt256, UInt256>(new UInt256(1), new UInt256(0x2a)),
                new KeyValuePair<UInt256, UInt256>(new UInt256(2), new UInt256(0xff)),
            }));
            Assert.That(second.Balance, Is.EqualTo(new UInt256(2)));
            Assert.That(second.Code, Is.Empty);
            Assert.That(second.Storage, Is.Empty);
        });
    }

    [Test]
    public void Optional_fields_take_their_defaults()
    {
        GenesisConfig g = GenesisConfig.Parse(Minimal());
        Assert.Multiple(() =>
        {
            Assert.That(g.Fork, Is.EqualTo(Fork.Prague));
            Assert.That(g.Timestamp, Is.Zero);
            Assert.That(g.GasLimit, Is.EqualTo(30_000_000UL));
            Assert.That(g.Allocations, Is.Empty);
        });
    }

    [Test]
    public void ToJson_reads_back_to_the_same_config_and_hash()
    {
        GenesisConfig g = GenesisConfig.Parse(Full);
        string json = g.ToJson();
        GenesisConfig back = GenesisConfig.Parse(json);
        Assert.Multiple(() =>
        {
            Assert.That(back.Hash, Is.EqualTo(g.Hash));
            Assert.That(back.ToJson(), Is.EqualTo(json));
            IReadOnlyList<GenesisAllocation> none = [];
            Assert.That(back with { Allocations = none }, Is.EqualTo(g with { Allocations = none }));
            Assert.That(back.Allocations[0].Storage, Is.EqualTo(g.Allocations[0].Storage));
            Assert.That(back.Allocations[0].Code, Is.EqualTo(g.Allocations[0].Code));
        });
    }

    [Test]
    public void Allocations_up_to_exactly_the_total_supply_are_accepted()
    {
        string json = Minimal(", \"alloc\": [ { \"address\": \"0x0000000000000000000000000000000000000001\", \"balance\": \"20000000000000000000000000\" }," +
            " { \"address\": \"0x0000000000000000000000000000000000000002\", \"balance\": \"1000000000000000000000000\" } ]");
        Assert.That(GenesisConfig.Parse(json).AllocatedTotal(), Is.EqualTo(OethLedger.TotalSupply));
    }

    // Each bad case names the piece of the message that says what is wrong.
    [TestCase("", "not valid JSON")]
    [TestCase("[]", "must be a JSON object")]
    [TestCase("{ \"chainId\": 5 ", "not valid JSON")]
    [TestCase("{ \"chainId\": 5, /* c */ \"minGasPrice\": \"0\" }", "not valid JSON")]
    [TestCase("{ \"chainId\": 5, \"minGasPrice\": \"0\", \"initialBaseFee\": \"0\", \"rewards\": { \"amountPerEpoch\": \"0\", \"epochs\": 0, \"roundsPerEpoch\": 1 }, }", "not valid JSON")]
    public void Malformed_json_is_refused(string json, string reason) => AssertRefused(json, reason);

    [TestCase("{ \"minGasPrice\": \"0\", \"initialBaseFee\": \"0\", \"rewards\": { \"amountPerEpoch\": \"0\", \"epochs\": 0, \"roundsPerEpoch\": 1 } }", "\"chainId\" is missing")]
    [TestCase("{ \"chainId\": 5, \"initialBaseFee\": \"0\", \"rewards\": { \"amountPerEpoch\": \"0\", \"epochs\": 0, \"roundsPerEpoch\": 1 } }", "\"minGasPrice\" is missing")]
    [TestCase("{ \"chainId\": 5, \"minGasPrice\": \"0\", \"initialBaseFee\": \"0\" }", "\"rewards\" is missing")]
    [TestCase("{ \"chainId\": 5, \"minGasPrice\": \"0\", \"initialBaseFee\": \"0\", \"rewards\": { \"amountPerEpoch\": \"0\", \"epochs\": 0 } }", "\"roundsPerEpoch\" is missing")]
    public void Missing_required_fields_are_refused(string json, string reason) => AssertRefused(json, reason);

    [TestCase(", \"chainID\": 5", "unknown field \"chainID\"")]
    [TestCase(", \"extraData\": \"0x\"", "unknown field \"extraData\"")]
    [TestCase(", \"chainId\": 6", "\"chainId\" appears twice")]
    [TestCase(", \"alloc\": [ { \"address\": \"0x0000000000000000000000000000000000000001\", \"balance\": \"1\", \"wei\": \"1\" } ]", "unknown field \"wei\"")]
    [TestCase(", \"alloc\": [ { \"address\": \"0x0000000000000000000000000000000000000001\", \"balance\": \"1\", \"balance\": \"2\" } ]", "\"balance\" appears twice")]
    public void Unknown_and_repeated_fields_are_refused(string rest, string reason) => AssertRefused(Minimal(rest), reason);

    [TestCase("-5", "without sign")]
    [TestCase("5.0", "without sign, fraction or exponent")]
    [TestCase("5e3", "without sign, fraction or exponent")]
    [TestCase("\"5\"", "must be a JSON number")]
    [TestCase("18446744073709551616", "does not fit in 64 bits")]
    [TestCase("0", "chainId must be above zero")]
    public void Bad_chain_ids_are_refused(string chainId, string reason) =>
        AssertRefused("{ \"chainId\": " + chainId + ", \"minGasPrice\": \"0\", \"initialBaseFee\": \"0\", " +
            "\"rewards\": { \"amountPerEpoch\": \"0\", \"epochs\": 0, \"roundsPerEpoch\": 1 } }", reason);

    [TestCase("1", "must be a string of decimal wei")]
    [TestCase("\"-1\"", "decimal digits")]
    [TestCase("\"1.5\"", "decimal digits")]
    [TestCase("\"0x10\"", "decimal digits")]
    [TestCase("\"1 OETH\"", "decimal digits")]
    [TestCase("\"\"", "decimal digits")]
    [TestCase("\"010\"", "leading zeros")]
    [TestCase("\"115792089237316195423570985008687907853269984665640564039457584007913129639936\"", "does not fit in 256 bits")]
    public void Bad_amounts_are_refused(string amount, string reason) =>
        AssertRefused("{ \"chainId\": 5, \"minGasPrice\": " + amount + ", \"initialBaseFee\": \"0\", " +
            "\"rewards\": { \"amountPerEpoch\": \"0\", \"epochs\": 0, \"roundsPerEpoch\": 1 } }", reason);

    [TestCase("\"0x000000000000000000000000000000000000001\"", "40 hex digits")]
    [TestCase("\"0x00000000000000000000000000000000000000001\"", "40 hex digits")]
    [TestCase("\"000000000000000000000000000000000000000001\"", "40 hex digits")]
    [TestCase("\"0x00000000000000000000000000000000000000zz\"", "40 hex digits")]
    [TestCase("1", "0x-hex string of 20 bytes")]
    public void Bad_addresses_are_refused(string address, string reason) =>
        AssertRefused(Minimal(", \"alloc\": [ { \"address\": " + address + ", \"balance\": \"1\" } ]"), reason);

    [TestCase("\"code\": \"0x600\"", "even number of hex digits")]
    [TestCase("\"code\": \"6000\"", "even number of hex digits")]
    [TestCase("\"code\": \"0x60zz\"", "even number of hex digits")]
    [TestCase("\"storage\": { \"0x1\": \"0xg\" }", "1 to 64 hex digits")]
    [TestCase("\"storage\": { \"1\": \"0x1\" }", "1 to 64 hex digits")]
    [TestCase("\"storage\": { \"0x\": \"0x1\" }", "1 to 64 hex digits")]
    [TestCase("\"storage\": { \"0x1\": 1 }", "must be a 0x-hex string")]
    [TestCase("\"storage\": { \"0x10000000000000000000000000000000000000000000000000000000000000000\": \"0x1\" }", "1 to 64 hex digits")]
    [TestCase("\"storage\": { \"0x1\": \"0x2\", \"0x01\": \"0x3\" }", "appears twice")]
    [TestCase("\"storage\": [ ]", "must be an object")]
    [TestCase("\"nonce\": -1", "without sign")]
    [TestCase("\"nonce\": 18446744073709551615", "EIP-2681")]
    public void Bad_allocation_contents_are_refused(string field, string reason) =>
        AssertRefused(Minimal(", \"alloc\": [ { \"address\": \"0x0000000000000000000000000000000000000001\", \"balance\": \"1\", " + field + " } ]"), reason);

    [Test]
    public void Duplicate_addresses_are_refused_whatever_their_case() =>
        AssertRefused(Minimal(", \"alloc\": [ { \"address\": \"0x00000000000000000000000000000000000000aB\", \"balance\": \"1\" }," +
            " { \"address\": \"0x00000000000000000000000000000000000000Ab\", \"balance\": \"2\" } ]"), "listed twice");

    [Test]
    public void Allocations_above_the_total_supply_are_refused() =>
        AssertRefused(Minimal(", \"alloc\": [ { \"address\": \"0x0000000000000000000000000000000000000001\", \"balance\": \"20000000000000000000000000\" }," +
            " { \"address\": \"0x0000000000000000000000000000000000000002\", \"balance\": \"1000000000000000000000001\" } ]"), "more than the total supply");

    [Test]
    public void Allocations_that_would_overflow_256_bits_are_refused_not_wrapped() =>
        AssertRefused(Minimal(", \"alloc\": [ { \"address\": \"0x0000000000000000000000000000000000000001\", \"balance\": \"115792089237316195423570985008687907853269984665640564039457584007913129639935\" }," +
            " { \"address\": \"0x0000000000000000000000000000000000000002\", \"balance\": \"2\" } ]"), "more than the total supply");

    [TestCase("0x4f45544800000000000000000000000000000001")]
    [TestCase("0x4f45544800000000000000000000000000000002")]
    [TestCase("0x4f45544800000000000000000000000000000003")]
    public void System_addresses_cannot_be_funded(string address) =>
        AssertRefused(Minimal(", \"alloc\": [ { \"address\": \"" + address + "\", \"balance\": \"1\" } ]"), "system address");

    [TestCase("\"fork\": \"Berlin\"", "needs London or later")]
    [TestCase("\"fork\": \"prague\"", "is not known")]
    [TestCase("\"fork\": \"Merge\"", "is not known")]
    [TestCase("\"fork\": 14", "must be a string")]
    [TestCase("\"gasLimit\": 20999", "below 21000")]
    [TestCase("\"timestamp\": 1.5", "fraction")]
    [TestCase("\"alloc\": {}", "alloc must be an array")]
    [TestCase("\"alloc\": [ 1 ]", "must be a JSON object")]
    public void Other_bad_top_level_values_are_refused(string field, string reason) => AssertRefused(Minimal(", " + field), reason);

    [Test]
    public void Initial_base_fee_below_the_minimum_gas_price_is_refused() =>
        AssertRefused("{ \"chainId\": 5, \"minGasPrice\": \"10\", \"initialBaseFee\": \"9\", " +
            "\"rewards\": { \"amountPerEpoch\": \"0\", \"epochs\": 0, \"roundsPerEpoch\": 1 } }", "below minGasPrice");

    [Test]
    public void Zero_rounds_per_epoch_is_refused() =>
        AssertRefused("{ \"chainId\": 5, \"minGasPrice\": \"0\", \"initialBaseFee\": \"0\", " +
            "\"rewards\": { \"amountPerEpoch\": \"1\", \"epochs\": 1, \"roundsPerEpoch\": 0 } }", "roundsPerEpoch must be above zero");

    private static void AssertRefused(string json, string reason)
    {
        FormatException? e = Assert.Throws<FormatException>(() => GenesisConfig.Parse(json));
        Assert.That(e!.Message, Does.Contain(reason));
    }
}
