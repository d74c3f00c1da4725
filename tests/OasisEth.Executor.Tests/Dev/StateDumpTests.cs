using System.Text;
using OasisEth.Primitives;
using AccountDump = OasisEth.State.InMemoryWorldState.AccountDump;

namespace OasisEth.Executor.Tests.Dev;

/// <summary>State dumps in anvil's SerializableState JSON: our dump loads back into a fresh chain and dumps to the
/// same accounts bytes; anvil's own dump (taken from anvil 1.7.1) loads with its balances, code and storage.</summary>
public sealed class StateDumpTests
{
    private static readonly Address Fresh = Address.Parse("0x00000000000000000000000000000000000000aa");

    /// <summary>anvil 1.7.1's anvil_dumpState after anvil_setCode/setStorageAt/setBalance/setNonce on 0x…aa and one
    /// evm_mine (accounts cut to two; its block list dropped).</summary>
    private const string AnvilDump = @"{""block"": {""number"": ""0x1"", ""beneficiary"": ""0x0000000000000000000000000000000000000000"", ""timestamp"": ""0x6b1633c2"", ""gas_limit"": 30000000, ""basefee"": 1000000000, ""difficulty"": ""0x0"", ""prevrandao"": ""0x5974d14a79ed02f6535568ac09cee1aeefcf0d784d5fae1f010eb4889c461cc6"", ""blob_excess_gas_and_price"": {""excess_blob_gas"": 0, ""blob_gasprice"": 1}, ""slot_num"": 0}, ""accounts"": {""0x00000000000000000000000000000000000000aa"": {""nonce"": 7, ""balance"": ""0x1234"", ""code"": ""0x602a60005260206000f3"", ""storage"": {""0x0000000000000000000000000000000000000000000000000000000000000001"": ""0x000000000000000000000000000000000000000000000000000000000000abcd""}}, ""0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"": {""nonce"": 0, ""balance"": ""0x21e19e0c9bab2400000"", ""code"": ""0x"", ""storage"": {}}}, ""best_block_number"": 1, ""blocks"": [], ""transactions"": [], ""historical_states"": null}";

    [Test]
    public void OurDumpLoadsIntoAFreshChainAndDumpsToTheSameAccounts()
    {
        using var a = new ChainFixture();
        IDevChain dev = a.Chain;
        dev.SetCode(Fresh, Hex.Decode("602a60005260206000f3"));
        dev.SetStorage(Fresh, new UInt256(1), new UInt256(0xabcd));
        dev.SetBalance(Fresh, new UInt256(0x1234));
        RoundResult r = a.Round(TestAccounts.Tx(0, 0, Fresh, 5, gas: 100_000));
        Assert.That(r.Rejected, Is.Empty);
        Assert.That(a.Chain.OpenState(1).GetBalance(Fresh), Is.EqualTo(new UInt256(0x1239)));
        Assert.That(dev.DumpAccounts().Single(x => x.Address == Fresh).Balance, Is.EqualTo(new UInt256(0x1239)));
        dev.SetNonce(Fresh, 7); // pending: in the dump too
        byte[] first = StateDump.ToJson(a.Chain.Head, dev.DumpAccounts());

        using var b = new ChainFixture();
        IDevChain loaded = b.Chain;
        int count = loaded.LoadAccounts(StateDump.ParseAccounts(StateDump.Compress(first)));
        Assert.That(count, Is.EqualTo(9), "8 funded accounts and 0x…aa; no OETH system account");
        IStateView view = b.Chain.OpenState(0);
        Assert.That(view.GetBalance(Fresh), Is.EqualTo(new UInt256(0x1239)));
        Assert.That(view.GetNonce(Fresh), Is.EqualTo(7UL));
        Assert.That(view.GetStorage(Fresh, new UInt256(1)), Is.EqualTo(new UInt256(0xabcd)));
        b.Round();
        byte[] second = StateDump.ToJson(b.Chain.Head, loaded.DumpAccounts());
        Assert.That(Accounts(second), Is.EqualTo(Accounts(first)), "the accounts section is the same bytes");
        Assert.That(StateDump.ToJson(a.Chain.Head, dev.DumpAccounts()), Is.EqualTo(first), "a dump is deterministic");
    }

    [Test]
    public void AnvilsDumpLoadsWithItsBalancesCodeAndStorage()
    {
        using var f = new ChainFixture();
        IDevChain dev = f.Chain;
        IReadOnlyList<AccountDump> accounts = StateDump.ParseAccounts(Encoding.UTF8.GetBytes(AnvilDump));
        Assert.That(accounts, Has.Count.EqualTo(2));
        dev.LoadAccounts(accounts);
        f.Round();
        IStateView view = f.Chain.OpenState(1);
        Assert.That(view.GetBalance(Fresh), Is.EqualTo(new UInt256(0x1234)));
        Assert.That(view.GetNonce(Fresh), Is.EqualTo(7UL));
        Assert.That(view.GetCode(Fresh), Is.EqualTo(Hex.Decode("602a60005260206000f3")));
        Assert.That(view.GetStorage(Fresh, new UInt256(1)), Is.EqualTo(new UInt256(0xabcd)));
        Address anvilDev0 = Address.Parse("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        Assert.That(view.GetBalance(anvilDev0), Is.EqualTo(UInt256.Parse("0x21e19e0c9bab2400000")));
        Assert.That(f.Chain.GetSupply(1).DevMinted, Is.EqualTo(new UInt256(0x1234) + UInt256.Parse("0x21e19e0c9bab2400000")));
    }

    [TestCase("not json")]
    [TestCase("{}")]
    [TestCase("{\"accounts\": {\"0x12\": {}}}")]
    [TestCase("{\"accounts\": {\"0x00000000000000000000000000000000000000aa\": {\"nonce\": \"0x10000000000000000\"}}}")]
    [TestCase("{\"accounts\": {\"0x00000000000000000000000000000000000000aa\": {\"code\": \"0x1\"}}}")]
    [TestCase("{\"accounts\": {\"0x00000000000000000000000000000000000000aa\": {\"storage\": {\"zz\": \"0x1\"}}}}")]
    public void MalformedDumpsAreRefused(string json) =>
        Assert.Throws<FormatException>(() => StateDump.ParseAccounts(Encoding.UTF8.GetBytes(json)));

    [Test]
    public void GzipThatIsNotADumpIsRefused() =>
        Assert.Throws<FormatException>(() => StateDump.ParseAccounts([0x1f, 0x8b, 0x00, 0x01]));

    private static string Accounts(byte[] json)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("accounts").GetRawText();
    }
}
