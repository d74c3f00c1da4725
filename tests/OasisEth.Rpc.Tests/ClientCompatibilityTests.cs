namespace OasisEth.Rpc.Tests;

/// <summary>Answers that real client tools depend on (found running Hardhat 3 and forge against the dev node):
/// sends under automine return after their block is committed, and the client version passes the
/// hardhat-network-helpers check.</summary>
[TestFixture]
public sealed class ClientCompatibilityTests
{
    private TestNode _node = null!;

    [SetUp]
    public async Task Start() => _node = await TestNode.StartAsync();

    [TearDown]
    public async Task Stop() => await _node.DisposeAsync();

    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000c1c00");

    [Test]
    public async Task Client_version_passes_the_network_helpers_check_and_names_the_node()
    {
        // hardhat-network-helpers: version.toLowerCase().startsWith("hardhat" | "anvil" | "zksync"), else every helper throws.
        string version = (await _node.Call("web3_clientVersion")).GetString()!;
        Assert.That(version.ToLowerInvariant(), Does.StartWith("anvil"));
        Assert.That(version, Does.Contain("OasisEth/v"));
        Assert.That((await _node.Call("hardhat_metadata")).GetProperty("clientVersion").GetString(), Is.EqualTo(version));
    }

    [Test]
    public async Task Automine_raw_send_answers_after_the_block_is_committed()
    {
        // Without the wait the follow-up reads raced the round: no receipt, no code (Hardhat's deployContract + call).
        for (ulong nonce = 0; nonce < 10; nonce++)
        {
            string hash = await _node.SendRaw(TestNode.Sign(1, nonce, null, UInt256.Zero, Contracts.Store(), gas: 200_000));
            JsonElement receipt = await _node.Call("eth_getTransactionReceipt", hash);
            Assert.That(receipt.ValueKind, Is.EqualTo(JsonValueKind.Object), $"receipt of deployment {nonce} right after the send");
            Assert.That(receipt.GetProperty("status").GetString(), Is.EqualTo("0x1"));
            Assert.That(TestNode.Quantity(await _node.Call("eth_blockNumber")), Is.EqualTo(TestNode.Quantity(receipt.GetProperty("blockNumber"))));
            string code = (await _node.Call("eth_getCode", receipt.GetProperty("contractAddress").GetString(), "latest")).GetString()!;
            Assert.That(code, Is.Not.EqualTo("0x"), "the deployed code is readable at latest right after the send");
            Assert.That(TestNode.Quantity(await _node.Call("eth_getTransactionCount", Keys.Address(1).ToString(), "latest")), Is.EqualTo(nonce + 1));
        }
    }

    [Test]
    public async Task Automine_node_account_send_answers_after_the_block_is_committed()
    {
        for (int i = 0; i < 5; i++)
        {
            string hash = (await _node.Call("eth_sendTransaction",
                new Dictionary<string, string> { ["from"] = Keys.Address(2).ToString(), ["to"] = Recipient.ToString(), ["value"] = "0x1" })).GetString()!;
            JsonElement receipt = await _node.Call("eth_getTransactionReceipt", hash);
            Assert.That(receipt.ValueKind, Is.EqualTo(JsonValueKind.Object), $"receipt of send {i} right after eth_sendTransaction");
            Assert.That(TestNode.Big(await _node.Call("eth_getBalance", Recipient.ToString(), "latest")), Is.EqualTo(new UInt256((ulong)i + 1)));
        }
    }

    [Test]
    public async Task Automine_batch_of_sends_is_mined_when_the_batch_answers()
    {
        var body = new System.Text.StringBuilder("[");
        for (ulong nonce = 0; nonce < 3; nonce++)
        {
            if (nonce > 0) body.Append(',');
            body.Append($"{{\"jsonrpc\":\"2.0\",\"id\":{nonce},\"method\":\"eth_sendRawTransaction\",\"params\":[\"{Hex.EncodePrefixed(TestNode.Sign(3, nonce, Recipient, UInt256.One))}\"]}}");
        }
        body.Append(']');
        JsonElement answers = await _node.Post(body.ToString());
        Assert.That(answers.GetArrayLength(), Is.EqualTo(3));
        foreach (JsonElement answer in answers.EnumerateArray())
        {
            string hash = answer.GetProperty("result").GetString()!;
            Assert.That((await _node.Call("eth_getTransactionReceipt", hash)).ValueKind, Is.EqualTo(JsonValueKind.Object), hash);
        }
        Assert.That(TestNode.Big(await _node.Call("eth_getBalance", Recipient.ToString(), "latest")), Is.EqualTo(new UInt256(3)));
    }

    [Test]
    public async Task Hardhat_drop_transaction_removes_a_pooled_transaction()
    {
        // hardhat-network-helpers' dropTransaction expects true/false (and an error for a mined transaction).
        await _node.Call("evm_setAutomine", false);
        string pooled = await _node.SendRaw(TestNode.Sign(1, 0, Recipient, UInt256.One));
        Assert.That((await _node.Call("hardhat_dropTransaction", pooled)).GetBoolean(), Is.True);
        Assert.That((await _node.Call("hardhat_dropTransaction", pooled)).GetBoolean(), Is.False, "already gone");
        Assert.That((await _node.Call("eth_getTransactionByHash", pooled)).ValueKind, Is.EqualTo(JsonValueKind.Null));
        await _node.Call("evm_mine");
        Assert.That((await _node.Call("eth_getTransactionReceipt", pooled)).ValueKind, Is.EqualTo(JsonValueKind.Null), "a dropped transaction is not mined");

        string mined = await _node.SendRaw(TestNode.Sign(1, 0, Recipient, UInt256.One));
        await _node.Call("evm_mine");
        Assert.That((await _node.CallFails("hardhat_dropTransaction", mined)).Message, Is.EqualTo("transaction already mined"));
        Assert.That(TestNode.Big(await _node.Call("eth_getBalance", Recipient.ToString(), "latest")), Is.EqualTo(UInt256.One));
    }

    [Test]
    public async Task Manual_mining_send_answers_at_admission()
    {
        await _node.Call("evm_setAutomine", false);
        string hash = await _node.SendRaw(TestNode.Sign(1, 0, Recipient, UInt256.One));
        Assert.That((await _node.Call("eth_getTransactionReceipt", hash)).ValueKind, Is.EqualTo(JsonValueKind.Null), "pending until mined");
        await _node.Call("evm_mine");
        Assert.That((await _node.Call("eth_getTransactionReceipt", hash)).ValueKind, Is.EqualTo(JsonValueKind.Object));
    }
}
