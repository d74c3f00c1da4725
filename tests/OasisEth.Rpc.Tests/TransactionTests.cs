using OasisEth.Transactions;

namespace OasisEth.Rpc.Tests;

/// <summary>Sending, the pool's rules, and the shapes of mined and pending transactions and receipts.</summary>
[TestFixture]
public sealed class TransactionTests
{
    private TestNode _node = null!;

    [SetUp]
    public async Task Start() => _node = await TestNode.StartAsync();

    [TearDown]
    public async Task Stop() => await _node.DisposeAsync();

    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000b0b00");

    [Test]
    public async Task Transfer_is_automined_with_receipt_transaction_and_block_in_the_client_shapes()
    {
        byte[] raw = TestNode.Sign(4, 0, Recipient, new UInt256(12345));
        JsonElement receipt = await _node.SendAndMine(raw);
        Hash256 hash = Keccak.Compute(raw);

        Assert.That(receipt.GetProperty("transactionHash").GetString(), Is.EqualTo(hash.ToString()));
        Assert.That(receipt.GetProperty("status").GetString(), Is.EqualTo("0x1"));
        Assert.That(receipt.GetProperty("type").GetString(), Is.EqualTo("0x2"));
        Assert.That(receipt.GetProperty("blockNumber").GetString(), Is.EqualTo("0x1"));
        Assert.That(receipt.GetProperty("transactionIndex").GetString(), Is.EqualTo("0x0"));
        Assert.That(receipt.GetProperty("gasUsed").GetString(), Is.EqualTo("0x5208"));
        Assert.That(receipt.GetProperty("cumulativeGasUsed").GetString(), Is.EqualTo("0x5208"));
        Assert.That(receipt.GetProperty("effectiveGasPrice").GetString(), Is.EqualTo("0x77359400"));
        Assert.That(receipt.GetProperty("from").GetString(), Is.EqualTo(Keys.Address(4).ToString()));
        Assert.That(receipt.GetProperty("to").GetString(), Is.EqualTo(Recipient.ToString()));
        Assert.That(receipt.GetProperty("contractAddress").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(receipt.GetProperty("logs").GetArrayLength(), Is.EqualTo(0));
        Assert.That(receipt.GetProperty("logsBloom").GetString()!.Length, Is.EqualTo(514));

        JsonElement tx = await _node.Call("eth_getTransactionByHash", hash.ToString());
        Assert.That(tx.GetProperty("blockHash").GetString(), Is.EqualTo(receipt.GetProperty("blockHash").GetString()));
        Assert.That(tx.GetProperty("blockNumber").GetString(), Is.EqualTo("0x1"));
        Assert.That(TestNode.Quantity(tx.GetProperty("blockTimestamp")), Is.EqualTo(TestNode.StartTime));
        Assert.That(tx.GetProperty("from").GetString(), Is.EqualTo(Keys.Address(4).ToString()));
        Assert.That(tx.GetProperty("gas").GetString(), Is.EqualTo("0x5208"));
        Assert.That(tx.GetProperty("gasPrice").GetString(), Is.EqualTo("0x77359400"), "effective price once mined");
        Assert.That(tx.GetProperty("maxFeePerGas").GetString(), Is.EqualTo("0x77359400"));
        Assert.That(tx.GetProperty("maxPriorityFeePerGas").GetString(), Is.EqualTo("0x3b9aca00"));
        Assert.That(tx.GetProperty("value").GetString(), Is.EqualTo("0x3039"));
        Assert.That(tx.GetProperty("input").GetString(), Is.EqualTo("0x"));
        Assert.That(tx.GetProperty("nonce").GetString(), Is.EqualTo("0x0"));
        Assert.That(tx.GetProperty("type").GetString(), Is.EqualTo("0x2"));
        Assert.That(tx.GetProperty("chainId").GetString(), Is.EqualTo("0x7a69"));
        Assert.That(tx.GetProperty("accessList").GetArrayLength(), Is.EqualTo(0));
        Assert.That(tx.GetProperty("yParity").GetString(), Is.EqualTo(tx.GetProperty("v").GetString()));
        Assert.That(tx.GetProperty("r").GetString(), Does.Not.StartWith("0x0"));
        Assert.That(tx.GetProperty("transactionIndex").GetString(), Is.EqualTo("0x0"));

        JsonElement block = await _node.Call("eth_getBlockByNumber", "latest", true);
        Assert.That(block.GetProperty("number").GetString(), Is.EqualTo("0x1"));
        Assert.That(block.GetProperty("transactions")[0].GetProperty("hash").GetString(), Is.EqualTo(hash.ToString()));
        Assert.That(block.GetProperty("gasUsed").GetString(), Is.EqualTo("0x5208"));
        Assert.That(block.GetProperty("timestamp").GetString(), Is.EqualTo("0x" + TestNode.StartTime.ToString("x")));
        Assert.That(ChainReadTests.RecomputeHash(block), Is.EqualTo(Hash256.Parse(block.GetProperty("hash").GetString()!)));
        JsonElement hashes = await _node.Call("eth_getBlockByNumber", "0x1", false);
        Assert.That(hashes.GetProperty("transactions")[0].GetString(), Is.EqualTo(hash.ToString()));
        Assert.That((await _node.Call("eth_getBlockTransactionCountByNumber", "0x1")).GetString(), Is.EqualTo("0x1"));
        Assert.That((await _node.Call("eth_getTransactionByBlockNumberAndIndex", "0x1", "0x0")).GetProperty("hash").GetString(), Is.EqualTo(hash.ToString()));
        Assert.That((await _node.Call("eth_getTransactionByBlockNumberAndIndex", "0x1", "0x1")).ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((await _node.Call("eth_getTransactionByBlockHashAndIndex", block.GetProperty("hash").GetString(), "0x0")).GetProperty("hash").GetString(),
            Is.EqualTo(hash.ToString()));
        Assert.That((await _node.Call("eth_getBlockReceipts", "0x1"))[0].GetProperty("transactionHash").GetString(), Is.EqualTo(hash.ToString()));

        Assert.That(TestNode.Big(await _node.Call("eth_getBalance", Recipient.ToString(), "latest")), Is.EqualTo(new UInt256(12345)));
        Assert.That((await _node.Call("eth_getTransactionCount", Keys.Address(4).ToString(), "latest")).GetString(), Is.EqualTo("0x1"));
        Assert.That((await _node.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x1"));
    }

    [Test]
    public async Task Legacy_and_access_list_transactions_show_their_own_fields()
    {
        byte[] legacy = TestNode.Sign(4, 0, Recipient, UInt256.One, type: TxType.Legacy);
        JsonElement r = await _node.SendAndMine(legacy);
        Assert.That(r.GetProperty("type").GetString(), Is.EqualTo("0x0"));
        JsonElement tx = await _node.Call("eth_getTransactionByHash", r.GetProperty("transactionHash").GetString());
        Assert.That(tx.GetProperty("type").GetString(), Is.EqualTo("0x0"));
        Assert.That(tx.GetProperty("gasPrice").GetString(), Is.EqualTo("0x77359400"));
        Assert.That(tx.TryGetProperty("maxFeePerGas", out _), Is.False);
        Assert.That(tx.TryGetProperty("accessList", out _), Is.False);
        Assert.That(tx.TryGetProperty("yParity", out _), Is.False);
        ulong v = TestNode.Quantity(tx.GetProperty("v"));
        Assert.That(v, Is.EqualTo(TestNode.ChainId * 2 + 35).Or.EqualTo(TestNode.ChainId * 2 + 36), "EIP-155 v");
        Assert.That(tx.GetProperty("chainId").GetString(), Is.EqualTo("0x7a69"));

        byte[] accessList = TestNode.Sign(4, 1, Recipient, UInt256.One, gas: 30_000, type: TxType.AccessList);
        JsonElement r1 = await _node.SendAndMine(accessList);
        JsonElement tx1 = await _node.Call("eth_getTransactionByHash", r1.GetProperty("transactionHash").GetString());
        Assert.That(tx1.GetProperty("type").GetString(), Is.EqualTo("0x1"));
        Assert.That(tx1.GetProperty("accessList").GetArrayLength(), Is.EqualTo(0));
        Assert.That(tx1.GetProperty("yParity").GetString(), Is.AnyOf("0x0", "0x1"));
    }

    [Test]
    public async Task Send_errors_use_the_messages_clients_parse()
    {
        await _node.SendAndMine(TestNode.Sign(4, 0, Recipient, UInt256.One));
        RpcError low = await _node.CallFails("eth_sendRawTransaction", Hex.EncodePrefixed(TestNode.Sign(4, 0, Recipient, new UInt256(2))));
        Assert.That(low.Code, Is.EqualTo(-32000));
        Assert.That(low.Message, Does.StartWith("nonce too low"));

        RpcError poor = await _node.CallFails("eth_sendRawTransaction",
            Hex.EncodePrefixed(TestNode.Sign(4, 1, Recipient, TestNode.Funding * 2UL)));
        Assert.That(poor.Code, Is.EqualTo(-32000));
        Assert.That(poor.Message, Does.StartWith("insufficient funds for gas * price + value"));

        RpcError junk = await _node.CallFails("eth_sendRawTransaction", "0x01020304");
        Assert.That(junk.Code, Is.EqualTo(-32000));
        Assert.That(await _node.Call("eth_blockNumber"), Has.Property("ValueKind").EqualTo(JsonValueKind.String));
    }

    [Test]
    public async Task Pool_already_known_replacement_and_future_nonces()
    {
        await _node.Call("evm_setAutomine", false);
        byte[] first = TestNode.Sign(4, 0, Recipient, UInt256.One);
        string hash = await _node.SendRaw(first);
        RpcError known = await _node.CallFails("eth_sendRawTransaction", Hex.EncodePrefixed(first));
        Assert.That((known.Code, known.Message), Is.EqualTo((-32000, "already known")));

        RpcError under = await _node.CallFails("eth_sendRawTransaction", Hex.EncodePrefixed(TestNode.Sign(4, 0, Recipient, new UInt256(2))));
        Assert.That((under.Code, under.Message), Is.EqualTo((-32000, "replacement transaction underpriced")));

        JsonElement pending = await _node.Call("eth_getTransactionByHash", hash);
        Assert.That(pending.GetProperty("blockHash").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(pending.GetProperty("blockNumber").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(pending.GetProperty("transactionIndex").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((await _node.Call("eth_getTransactionReceipt", hash)).ValueKind, Is.EqualTo(JsonValueKind.Null));

        // A higher fee replaces it; a gap (nonce 2 without 1) waits.
        string replacement = await _node.SendRaw(TestNode.Sign(4, 0, Recipient, new UInt256(3), maxFee: new UInt256(3_000_000_000), tip: new UInt256(2_000_000_000)));
        string gapped = await _node.SendRaw(TestNode.Sign(4, 2, Recipient, new UInt256(5)));
        Assert.That((await _node.Call("eth_getTransactionByHash", hash)).ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((await _node.Call("eth_getTransactionCount", Keys.Address(4).ToString(), "pending")).GetString(), Is.EqualTo("0x1"));
        Assert.That((await _node.Call("eth_getTransactionCount", Keys.Address(4).ToString(), "latest")).GetString(), Is.EqualTo("0x0"));

        await _node.Call("evm_mine");
        Assert.That((await _node.Call("eth_getTransactionReceipt", replacement)).GetProperty("status").GetString(), Is.EqualTo("0x1"));
        Assert.That((await _node.Call("eth_getTransactionReceipt", gapped)).ValueKind, Is.EqualTo(JsonValueKind.Null));

        string filler = await _node.SendRaw(TestNode.Sign(4, 1, Recipient, new UInt256(4)));
        Assert.That((await _node.Call("eth_getTransactionCount", Keys.Address(4).ToString(), "pending")).GetString(), Is.EqualTo("0x3"));
        await _node.Call("evm_mine");
        JsonElement r1 = await _node.Call("eth_getTransactionReceipt", filler);
        JsonElement r2 = await _node.Call("eth_getTransactionReceipt", gapped);
        Assert.That(r1.GetProperty("blockNumber").GetString(), Is.EqualTo("0x2"));
        Assert.That(r2.GetProperty("blockNumber").GetString(), Is.EqualTo("0x2"));
        Assert.That(r2.GetProperty("transactionIndex").GetString(), Is.EqualTo("0x1"));
        Assert.That(TestNode.Big(await _node.Call("eth_getBalance", Recipient.ToString(), "latest")), Is.EqualTo(new UInt256(12)));
    }

    [Test]
    public async Task Many_transactions_sent_together_share_rounds()
    {
        await _node.Call("evm_setAutomine", false);
        var hashes = new List<string>();
        for (int i = 0; i < 20; i++) hashes.Add(await _node.SendRaw(TestNode.Sign(4 + (i % 4), (ulong)(i / 4), Recipient, UInt256.One)));
        await _node.Call("evm_setAutomine", true);
        await _node.FlushAsync();
        Assert.That((await _node.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x1"));
        JsonElement block = await _node.Call("eth_getBlockByNumber", "0x1", false);
        Assert.That(block.GetProperty("transactions").GetArrayLength(), Is.EqualTo(20));
        Assert.That(TestNode.Big(await _node.Call("eth_getBalance", Recipient.ToString(), "latest")), Is.EqualTo(new UInt256(20)));
    }

    [Test]
    public async Task Send_transaction_from_a_dev_account_fills_nonce_gas_and_fees()
    {
        string from = Keys.Address(1).ToString();
        string hash = (await _node.Call("eth_sendTransaction", new { from, to = Recipient.ToString(), value = "0x64" })).GetString()!;
        await _node.FlushAsync();
        JsonElement receipt = await _node.Call("eth_getTransactionReceipt", hash);
        Assert.That(receipt.GetProperty("status").GetString(), Is.EqualTo("0x1"));
        JsonElement tx = await _node.Call("eth_getTransactionByHash", hash);
        Assert.That(tx.GetProperty("from").GetString(), Is.EqualTo(from));
        Assert.That(tx.GetProperty("type").GetString(), Is.EqualTo("0x2"));
        Assert.That(tx.GetProperty("gas").GetString(), Is.EqualTo("0x5208"));
        Assert.That(tx.GetProperty("nonce").GetString(), Is.EqualTo("0x0"));

        string legacy = (await _node.Call("eth_sendTransaction", new { from, to = Recipient.ToString(), value = "0x1", gasPrice = "0x77359400" })).GetString()!;
        await _node.FlushAsync();
        JsonElement legacyTx = await _node.Call("eth_getTransactionByHash", legacy);
        Assert.That(legacyTx.GetProperty("type").GetString(), Is.EqualTo("0x0"));
        Assert.That(legacyTx.GetProperty("nonce").GetString(), Is.EqualTo("0x1"));
        Assert.That(TestNode.Big(await _node.Call("eth_getBalance", Recipient.ToString(), "latest")), Is.EqualTo(new UInt256(101)));

        RpcError unknown = await _node.CallFails("eth_sendTransaction", new { from = Keys.Address(6).ToString(), to = Recipient.ToString() });
        Assert.That((unknown.Code, unknown.Message), Is.EqualTo((-32000, "unknown account")));
    }

    [Test]
    public async Task A_transaction_the_round_rejects_is_dropped_from_the_pool_and_logged()
    {
        await _node.Call("evm_setAutomine", false);
        UInt256 most = new UInt256(999) * GenesisConfig.Oeth;
        string first = await _node.SendRaw(TestNode.Sign(4, 0, Recipient, most));
        // Admitted against the latest state (1000 OETH), but after the first one the sender cannot pay it.
        string second = await _node.SendRaw(TestNode.Sign(4, 1, Recipient, most));
        await _node.Call("evm_mine");
        Assert.That((await _node.Call("eth_getTransactionReceipt", first)).GetProperty("status").GetString(), Is.EqualTo("0x1"));
        Assert.That((await _node.Call("eth_getTransactionReceipt", second)).ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((await _node.Call("eth_getTransactionByHash", second)).ValueKind, Is.EqualTo(JsonValueKind.Null), "dropped, not pending");
        Assert.That((await _node.Call("eth_getTransactionCount", Keys.Address(4).ToString(), "pending")).GetString(), Is.EqualTo("0x1"));
        lock (_node.Log) Assert.That(_node.Log, Has.Some.Contains("rejected " + second));
    }

    [Test]
    public async Task Pending_transaction_filter_and_full_pending_subscription_see_admissions()
    {
        await using WsClient ws = await WsClient.ConnectAsync(_node.Node.WebSocketUrl);
        string sub = (await ws.Call("eth_subscribe", "newPendingTransactions", true)).GetString()!;
        byte[] raw = TestNode.Sign(4, 0, Recipient, new UInt256(77));
        string hash = await _node.SendRaw(raw);
        JsonElement n = await ws.NextNotification();
        Assert.That(n.GetProperty("subscription").GetString(), Is.EqualTo(sub));
        JsonElement tx = n.GetProperty("result");
        Assert.That(tx.GetProperty("hash").GetString(), Is.EqualTo(hash));
        Assert.That(tx.GetProperty("value").GetString(), Is.EqualTo("0x4d"));
        Assert.That(tx.GetProperty("blockNumber").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Chunked_body_over_the_limit_is_refused()
    {
        await using TestNode small = await TestNode.StartAsync(new RpcLimits { MaxRequestBytes = 1024 });
        using var http = new HttpClient();
        var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[\"" + new string('b', 4096) + "\"]}")));
        content.Headers.ContentLength = null;
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, small.Node.HttpUrl) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using HttpResponseMessage response = await http.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(413));
        Assert.That((await small.Call("eth_chainId")).GetString(), Is.EqualTo("0x7a69"));
    }

    [Test]
    public async Task Automine_makes_no_block_for_a_transaction_that_must_wait_for_a_nonce_gap()
    {
        string gapped = await _node.SendRaw(TestNode.Sign(4, 1, Recipient, UInt256.One));
        await _node.FlushAsync();
        Assert.That((await _node.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x0"));
        Assert.That((await _node.Call("eth_getTransactionByHash", gapped)).GetProperty("blockHash").ValueKind, Is.EqualTo(JsonValueKind.Null));
        await _node.SendRaw(TestNode.Sign(4, 0, Recipient, UInt256.One));
        await _node.FlushAsync();
        Assert.That((await _node.Call("eth_getTransactionReceipt", gapped)).GetProperty("blockNumber").GetString(), Is.EqualTo("0x1"));
    }

    [Test]
    public async Task Concurrent_send_transaction_calls_from_one_account_take_distinct_nonces()
    {
        string from = Keys.Address(2).ToString();
        Task<JsonElement>[] sends = Enumerable.Range(0, 10)
            .Select(_ => _node.Call("eth_sendTransaction", new { from, to = Recipient.ToString(), value = "0x1" })).ToArray();
        JsonElement[] hashes = await Task.WhenAll(sends);
        await _node.FlushAsync();
        var nonces = new List<ulong>();
        foreach (JsonElement h in hashes)
        {
            Assert.That((await _node.Call("eth_getTransactionReceipt", h.GetString())).GetProperty("status").GetString(), Is.EqualTo("0x1"));
            nonces.Add(TestNode.Quantity((await _node.Call("eth_getTransactionByHash", h.GetString())).GetProperty("nonce")));
        }
        Assert.That(nonces.Order(), Is.EqualTo(Enumerable.Range(0, 10).Select(i => (ulong)i)));
    }
    [Test]
    public async Task Send_transaction_while_automine_commits_rounds_never_reuses_a_mined_nonce()
    {
        // Four clients send from one account back to back while automine commits rounds in between: each call must
        // read its nonce from a consistent pair of head state and pool, never the old head with the cleaned pool.
        string from = Keys.Address(3).ToString();
        async Task<List<string>> Client()
        {
            var sent = new List<string>();
            for (int i = 0; i < 25; i++)
                sent.Add((await _node.Call("eth_sendTransaction", new { from, to = Recipient.ToString(), value = "0x1" })).GetString()!);
            return sent;
        }
        List<string>[] perClient = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(Client)));
        await _node.FlushAsync();
        var nonces = new List<ulong>();
        foreach (string h in perClient.SelectMany(x => x))
        {
            Assert.That((await _node.Call("eth_getTransactionReceipt", h)).GetProperty("status").GetString(), Is.EqualTo("0x1"));
            nonces.Add(TestNode.Quantity((await _node.Call("eth_getTransactionByHash", h)).GetProperty("nonce")));
        }
        Assert.That(nonces.Order(), Is.EqualTo(Enumerable.Range(0, 100).Select(i => (ulong)i)));
    }
}
