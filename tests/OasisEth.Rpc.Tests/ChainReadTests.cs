using OasisEth.Primitives.Rlp;

namespace OasisEth.Rpc.Tests;

/// <summary>Identity, blocks and state reads on a fresh chain, checked against the chain itself.</summary>
[TestFixture]
public sealed class ChainReadTests
{
    private TestNode _node = null!;

    [OneTimeSetUp]
    public async Task Start() => _node = await TestNode.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _node.DisposeAsync();

    [Test]
    public async Task Identity_methods()
    {
        Assert.That((await _node.Call("eth_chainId")).GetString(), Is.EqualTo("0x7a69"));
        Assert.That((await _node.Call("net_version")).GetString(), Is.EqualTo("31337"));
        Assert.That((await _node.Call("net_listening")).GetBoolean(), Is.True);
        Assert.That((await _node.Call("web3_clientVersion")).GetString(), Does.Contain("OasisEth/v"));
        Assert.That((await _node.Call("eth_syncing")).GetBoolean(), Is.False);
        Assert.That((await _node.Call("eth_mining")).GetBoolean(), Is.True);
        Assert.That((await _node.Call("eth_hashrate")).GetString(), Is.EqualTo("0x0"));
        Assert.That((await _node.Call("eth_coinbase")).GetString(), Is.EqualTo(_node.Chain.Head.Coinbase.ToString()));
        Assert.That((await _node.Call("web3_sha3", "0x68656c6c6f")).GetString(),
            Is.EqualTo("0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8"));
    }

    [Test]
    public async Task Accounts_are_the_dev_keys_in_order_lowercase()
    {
        JsonElement accounts = await _node.Call("eth_accounts");
        Assert.That(accounts.GetArrayLength(), Is.EqualTo(4));
        for (int i = 0; i < 4; i++) Assert.That(accounts[i].GetString(), Is.EqualTo(Keys.Address(i).ToString()));
        Assert.That(accounts[0].GetString(), Is.EqualTo(accounts[0].GetString()!.ToLowerInvariant()));
    }

    [Test]
    public async Task Balance_nonce_code_storage_of_a_funded_account()
    {
        string a = Keys.Address(5).ToString();
        Assert.That(TestNode.Big(await _node.Call("eth_getBalance", a, "latest")), Is.EqualTo(TestNode.Funding));
        Assert.That(TestNode.Big(await _node.Call("eth_getBalance", a, "earliest")), Is.EqualTo(TestNode.Funding));
        Assert.That(TestNode.Big(await _node.Call("eth_getBalance", a, "0x0")), Is.EqualTo(TestNode.Funding));
        Assert.That(TestNode.Big(await _node.Call("eth_getBalance", a, new { blockNumber = "0x0" })), Is.EqualTo(TestNode.Funding));
        Assert.That(TestNode.Big(await _node.Call("eth_getBalance", a, new { blockHash = _node.Chain.GetHeader(0)!.Hash.ToString() })),
            Is.EqualTo(TestNode.Funding));
        Assert.That((await _node.Call("eth_getBalance", a)).GetString(), Is.EqualTo((await _node.Call("eth_getBalance", a, "latest")).GetString()));
        Assert.That((await _node.Call("eth_getBalance", "0x000000000000000000000000000000000000dead", "latest")).GetString(), Is.EqualTo("0x0"));
        Assert.That((await _node.Call("eth_getTransactionCount", a, "latest")).GetString(), Is.EqualTo("0x0"));
        Assert.That((await _node.Call("eth_getCode", a, "latest")).GetString(), Is.EqualTo("0x"));
        Assert.That((await _node.Call("eth_getStorageAt", a, "0x0", "latest")).GetString(),
            Is.EqualTo("0x0000000000000000000000000000000000000000000000000000000000000000"));
    }

    [Test]
    public async Task Unknown_blocks_are_null_for_block_reads_and_errors_for_state_reads()
    {
        Assert.That((await _node.Call("eth_getBlockByNumber", "0x999", false)).ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((await _node.Call("eth_getBlockByHash", "0x" + new string('1', 64), false)).ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((await _node.Call("eth_getBlockTransactionCountByNumber", "0x999")).ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((await _node.Call("eth_getTransactionByHash", "0x" + new string('2', 64))).ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((await _node.Call("eth_getTransactionReceipt", "0x" + new string('2', 64))).ValueKind, Is.EqualTo(JsonValueKind.Null));
        RpcError e = await _node.CallFails("eth_getBalance", Keys.Address(0).ToString(), "0x999");
        Assert.That((e.Code, e.Message), Is.EqualTo((-32000, "header not found")));
        e = await _node.CallFails("eth_getBalance", Keys.Address(0).ToString(), new { blockHash = "0x" + new string('3', 64) });
        Assert.That((e.Code, e.Message), Is.EqualTo((-32000, "header for hash not found")));
        e = await _node.CallFails("eth_getBalance", Keys.Address(0).ToString(), "0xnope");
        Assert.That(e.Code, Is.EqualTo(-32602));
    }

    [Test]
    public async Task Genesis_block_has_every_field_clients_read_and_its_hash_recomputes_from_them()
    {
        JsonElement b = await _node.Call("eth_getBlockByNumber", "earliest", false);
        BlockHeader h = _node.Chain.GetHeader(0)!;
        Assert.That(b.GetProperty("hash").GetString(), Is.EqualTo(h.Hash.ToString()));
        Assert.That(b.GetProperty("number").GetString(), Is.EqualTo("0x0"));
        Assert.That(b.GetProperty("nonce").GetString(), Is.EqualTo("0x0000000000000000"));
        Assert.That(b.GetProperty("difficulty").GetString(), Is.EqualTo("0x0"));
        Assert.That(b.GetProperty("totalDifficulty").GetString(), Is.EqualTo("0x0"));
        Assert.That(b.GetProperty("uncles").GetArrayLength(), Is.EqualTo(0));
        Assert.That(b.GetProperty("transactions").GetArrayLength(), Is.EqualTo(0));
        Assert.That(b.GetProperty("sha3Uncles").GetString(), Is.EqualTo(Hash256.EmptyList.ToString()));
        Assert.That(TestNode.Big(b.GetProperty("baseFeePerGas")), Is.EqualTo(h.BaseFee));
        Assert.That(TestNode.Quantity(b.GetProperty("gasLimit")), Is.EqualTo(30_000_000UL));
        Assert.That(TestNode.Quantity(b.GetProperty("size")), Is.EqualTo(h.Size));
        Assert.That(b.GetProperty("logsBloom").GetString()!.Length, Is.EqualTo(2 + 512));
        Assert.That(RecomputeHash(b), Is.EqualTo(h.Hash));
        Assert.That((await _node.Call("eth_getBlockByHash", h.Hash.ToString(), false)).GetProperty("number").GetString(), Is.EqualTo("0x0"));
        Assert.That((await _node.Call("eth_getBlockTransactionCountByHash", h.Hash.ToString())).GetString(), Is.EqualTo("0x0"));
        Assert.That((await _node.Call("eth_getUncleCountByBlockNumber", "0x0")).GetString(), Is.EqualTo("0x0"));
    }

    /// <summary>keccak256 of the London header RLP built from the JSON fields, as a client that checks hashes does.</summary>
    internal static Hash256 RecomputeHash(JsonElement b)
    {
        byte[] H(string name) => Rlp.EncodeBytes(Hex.Decode(b.GetProperty(name).GetString()!));
        byte[] Q(string name) => Rlp.EncodeUInt256(UInt256.Parse(b.GetProperty(name).GetString()!));
        byte[] rlp = Rlp.EncodeList(H("parentHash"), H("sha3Uncles"), H("miner"), H("stateRoot"), H("transactionsRoot"),
            H("receiptsRoot"), H("logsBloom"), Q("difficulty"), Q("number"), Q("gasLimit"), Q("gasUsed"), Q("timestamp"),
            H("extraData"), H("mixHash"), H("nonce"), Q("baseFeePerGas"));
        return Keccak.Compute(rlp);
    }

    [Test]
    public async Task Fee_suggestions_follow_the_base_fee()
    {
        UInt256 tip = TestNode.Big(await _node.Call("eth_maxPriorityFeePerGas"));
        UInt256 price = TestNode.Big(await _node.Call("eth_gasPrice"));
        Assert.That(tip, Is.EqualTo(new UInt256(1_000_000_000)));
        Assert.That(price, Is.EqualTo(GenesisConfig.DevMinGasPrice + tip));
        JsonElement history = await _node.Call("eth_feeHistory", "0x4", "latest", new[] { 25, 75 });
        Assert.That(history.GetProperty("oldestBlock").GetString(), Is.EqualTo("0x0"));
        Assert.That(history.GetProperty("baseFeePerGas").GetArrayLength(), Is.EqualTo(2));
        Assert.That(history.GetProperty("gasUsedRatio").GetArrayLength(), Is.EqualTo(1));
        Assert.That(history.GetProperty("reward")[0].GetArrayLength(), Is.EqualTo(2));
    }
}
