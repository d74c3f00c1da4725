using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Genesis;

/// <summary>The <c>ewasm</c> chain setting: read from and written to the genesis file, part of the hash only when on
/// (files written before it existed keep their hash), on in the dev and network genesis.</summary>
[TestFixture]
public sealed class GenesisEwasmSettingTests
{
    private static string WithEwasm(string value) =>
        GenesisConfigParseTests.Full.Replace("\"chainId\": 1234,", $"\"chainId\": 1234, \"ewasm\": {value},", StringComparison.Ordinal);

    [Test]
    public void A_file_without_the_field_keeps_the_evm_alone_and_its_old_hash()
    {
        GenesisConfig plain = GenesisConfig.Parse(GenesisConfigParseTests.Full);
        GenesisConfig off = GenesisConfig.Parse(WithEwasm("false"));
        Assert.Multiple(() =>
        {
            Assert.That(WithEwasm("false"), Is.Not.EqualTo(GenesisConfigParseTests.Full), "the field was inserted");
            Assert.That(plain.Ewasm, Is.False);
            Assert.That(off.Ewasm, Is.False);
            Assert.That(off.Hash, Is.EqualTo(plain.Hash));
            Assert.That(plain.ToJson(), Does.Not.Contain("ewasm"));
        });
    }

    [Test]
    public void Turning_it_on_changes_the_hash_and_round_trips_through_json()
    {
        GenesisConfig plain = GenesisConfig.Parse(GenesisConfigParseTests.Full);
        GenesisConfig on = GenesisConfig.Parse(WithEwasm("true"));
        Assert.Multiple(() =>
        {
            Assert.That(on.Ewasm, Is.True);
            Assert.That(on.Hash, Is.Not.EqualTo(plain.Hash));
            Assert.That(on.Hash, Is.EqualTo((plain with { Ewasm = true }).Hash));
            GenesisConfig reread = GenesisConfig.Parse(on.ToJson());
            Assert.That(reread.Ewasm, Is.True);
            Assert.That(reread.Hash, Is.EqualTo(on.Hash));
            Assert.That(on.ToJson(), Does.Contain("\"ewasm\": true"));
            byte[] encoding = on.CanonicalEncoding();
            Assert.That(encoding[^1], Is.EqualTo((byte)0x01), "the setting is the last item of the canonical list");
        });
    }

    [TestCase("1")]
    [TestCase("\"true\"")]
    [TestCase("null")]
    public void Anything_but_a_json_boolean_is_refused(string value)
    {
        FormatException? e = Assert.Throws<FormatException>(() => GenesisConfig.Parse(WithEwasm(value)));
        Assert.That(e!.Message, Does.Contain("ewasm must be true or false"));
    }

    [Test]
    public void The_dev_and_network_genesis_run_ewasm()
    {
        Assert.Multiple(() =>
        {
            Assert.That(GenesisConfig.Dev([(Address.Parse("0x00000000000000000000000000000000000000aa"), UInt256.One)]).Ewasm, Is.True);
            Assert.That(GenesisConfig.Network().Ewasm, Is.True);
        });
    }
}
