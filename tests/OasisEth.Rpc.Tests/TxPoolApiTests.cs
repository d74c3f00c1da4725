using OasisEth.Transactions;

namespace OasisEth.Rpc.Tests;

/// <summary>The txpool namespace: pending runs and gapped (queued) transactions, by sender and nonce.</summary>
[TestFixture]
public sealed class TxPoolApiTests
{
    private TestNode _node = null!;
    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000b0b00");

    [SetUp]
    public async Task Start()
    {
        _node = await TestNode.StartAsync();
        await _node.Call("evm_setAutomine", false);
    }

    [TearDown]
    public async Task Stop() => await _node.DisposeAsync();

    [Test]
    public async Task Status_content_and_inspect_split_runnable_runs_from_transactions_behind_a_nonce_gap()
    {
        string a0 = await _node.SendRaw(TestNode.Sign(4, 0, Recipient, new UInt256(7)));
        string a1 = await _node.SendRaw(TestNode.Sign(4, 1, Recipient, new UInt256(8)));
        string a3 = await _node.SendRaw(TestNode.Sign(4, 3, Recipient, new UInt256(9)));
        string b2 = await _node.SendRaw(TestNode.Sign(5, 2, null, UInt256.Zero, [0x60, 0x00], gas: 60_000));

        JsonElement status = await _node.Call("txpool_status");
        Assert.That(status.GetProperty("pending").GetString(), Is.EqualTo("0x2"));
        Assert.That(status.GetProperty("queued").GetString(), Is.EqualTo("0x2"));

        string sender4 = Keys.Address(4).ToChecksumString();
        string sender5 = Keys.Address(5).ToChecksumString();
        JsonElement content = await _node.Call("txpool_content");
        JsonElement pending4 = content.GetProperty("pending").GetProperty(sender4);
        Assert.That(pending4.GetProperty("0").GetProperty("hash").GetString(), Is.EqualTo(a0));
        Assert.That(pending4.GetProperty("1").GetProperty("hash").GetString(), Is.EqualTo(a1));
        Assert.That(pending4.TryGetProperty("3", out _), Is.False);
        Assert.That(content.GetProperty("queued").GetProperty(sender4).GetProperty("3").GetProperty("hash").GetString(), Is.EqualTo(a3));
        Assert.That(content.GetProperty("queued").GetProperty(sender5).GetProperty("2").GetProperty("hash").GetString(), Is.EqualTo(b2));
        Assert.That(content.GetProperty("pending").TryGetProperty(sender5, out _), Is.False);

        JsonElement inspect = await _node.Call("txpool_inspect");
        string line = inspect.GetProperty("pending").GetProperty(sender4).GetProperty("1").GetString()!;
        Assert.That(line, Does.StartWith(Recipient.ToChecksumString() + ": 8 wei + 21000 gas × "));
        Assert.That(inspect.GetProperty("queued").GetProperty(sender5).GetProperty("2").GetString(), Does.StartWith("contract creation: 0 wei + 60000 gas × "));

        JsonElement from = await _node.Call("txpool_contentFrom", Keys.Address(4).ToString());
        Assert.That(from.GetProperty("pending").GetProperty("1").GetProperty("hash").GetString(), Is.EqualTo(a1));
        Assert.That(from.GetProperty("queued").GetProperty("3").GetProperty("hash").GetString(), Is.EqualTo(a3));
    }

    [Test]
    public async Task Mined_transactions_leave_the_pool_and_a_filled_gap_makes_queued_ones_pending()
    {
        await _node.SendRaw(TestNode.Sign(4, 0, Recipient, UInt256.One));
        await _node.SendRaw(TestNode.Sign(4, 2, Recipient, UInt256.One));
        await _node.Call("evm_mine");
        JsonElement status = await _node.Call("txpool_status");
        Assert.That(status.GetProperty("pending").GetString(), Is.EqualTo("0x0"));
        Assert.That(status.GetProperty("queued").GetString(), Is.EqualTo("0x1"));

        await _node.SendRaw(TestNode.Sign(4, 1, Recipient, UInt256.One));
        status = await _node.Call("txpool_status");
        Assert.That(status.GetProperty("pending").GetString(), Is.EqualTo("0x2"));
        Assert.That(status.GetProperty("queued").GetString(), Is.EqualTo("0x0"));
        await _node.Call("evm_mine");
        Assert.That((await _node.Call("txpool_status")).GetProperty("pending").GetString(), Is.EqualTo("0x0"));
        JsonElement content = await _node.Call("txpool_content");
        Assert.That(content.GetProperty("pending").EnumerateObject().Count(), Is.Zero);
        Assert.That(content.GetProperty("queued").EnumerateObject().Count(), Is.Zero);
    }
}
