namespace OasisEth.Rpc.Tests;

/// <summary>
/// Byte limits: a transaction's size and the pool's total at admission, a response's size (-32005 with where a
/// smaller answer is), and a trace that stops at the response limit instead of building hundreds of megabytes.
/// </summary>
[TestFixture]
public sealed class MemoryLimitTests
{
    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000000aa");

    /// <summary>A transfer carrying <paramref name="size"/> bytes of calldata (nonzero bytes: 40 gas each under the EIP-7623 floor).</summary>
    private static byte[] WithCalldata(int key, ulong nonce, int size)
    {
        var data = new byte[size];
        Array.Fill(data, (byte)0x5a);
        return TestNode.Sign(key, nonce, Recipient, UInt256.One, data, gas: 21_000 + 40UL * (ulong)size + 10_000);
    }

    [Test]
    public async Task A_transaction_over_128_KiB_is_refused_at_admission_and_one_under_it_admitted()
    {
        await using TestNode node = await TestNode.StartAsync();
        await node.Call("evm_setAutomine", false);
        byte[] over = WithCalldata(4, 0, 128 * 1024);
        Assert.That(over.Length, Is.GreaterThan(128 * 1024));
        RpcError e = await node.CallFails("eth_sendRawTransaction", Hex.EncodePrefixed(over));
        Assert.That((e.Code, e.Message), Is.EqualTo((-32000, $"oversized data: transaction size {over.Length}, limit 131072")));
        byte[] under = WithCalldata(4, 0, 120 * 1024);
        await node.SendRaw(under);
        Assert.That((await node.Call("txpool_status")).GetProperty("pending").GetString(), Is.EqualTo("0x1"));
    }

    [Test]
    public async Task The_pool_refuses_transactions_past_its_byte_limit()
    {
        await using TestNode node = await TestNode.StartAsync(new RpcLimits { MaxPoolBytes = 250_000 });
        await node.Call("evm_setAutomine", false);
        await node.SendRaw(WithCalldata(4, 0, 100_000));
        await node.SendRaw(WithCalldata(5, 0, 100_000));
        RpcError full = await node.CallFails("eth_sendRawTransaction", Hex.EncodePrefixed(WithCalldata(6, 0, 100_000)));
        Assert.That(full.Message, Is.EqualTo("txpool is full"));
        // Small ones still fit; mining empties the pool and frees its bytes.
        await node.SendRaw(TestNode.Sign(6, 0, Recipient, UInt256.One));
        await node.Call("evm_mine");
        await node.SendRaw(WithCalldata(7, 0, 100_000));
        Assert.That((await node.Call("txpool_status")).GetProperty("pending").GetString(), Is.EqualTo("0x1"));
    }

    [Test]
    public async Task A_response_past_the_limit_is_32005_with_a_smaller_alternative_and_the_node_goes_on()
    {
        await using TestNode node = await TestNode.StartAsync(new RpcLimits { MaxResponseBytes = 150_000 });
        await node.Call("evm_setAutomine", false);
        await node.SendRaw(WithCalldata(4, 0, 50_000));
        await node.SendRaw(WithCalldata(5, 0, 50_000));
        RpcError e = await node.CallFails("txpool_content");
        Assert.That(e.Code, Is.EqualTo(-32005));
        Assert.That(e.Message, Does.Contain("response too large").And.Contain("txpool_contentFrom"));
        JsonElement one = await node.Call("txpool_contentFrom", Keys.Address(4).ToString());
        Assert.That(one.GetProperty("pending").EnumerateObject().Count(), Is.EqualTo(1));
        Assert.That((await node.Call("txpool_inspect")).GetProperty("pending").EnumerateObject().Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task A_batch_shares_one_response_limit_and_keeps_its_other_answers()
    {
        await using TestNode node = await TestNode.StartAsync(new RpcLimits { MaxResponseBytes = 150_000 });
        await node.Call("evm_setAutomine", false);
        await node.SendRaw(WithCalldata(4, 0, 50_000));
        string from = Keys.Address(4).ToString();
        string call = $"{{\"jsonrpc\":\"2.0\",\"id\":%,\"method\":\"txpool_contentFrom\",\"params\":[\"{from}\"]}}";
        JsonElement r = await node.Post("[" + string.Join(",", Enumerable.Range(1, 3).Select(i => call.Replace("%", i.ToString()))) + "]");
        Assert.That(r[0].TryGetProperty("result", out _), Is.True);
        Assert.That(r[1].GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(-32005), "the second answer passes the shared limit");
        Assert.That(r[2].GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(-32005));
    }

    [Test]
    public async Task A_struct_log_trace_stops_at_the_response_limit_with_32005_and_call_tracer_still_works()
    {
        await using TestNode node = await TestNode.StartAsync(new RpcLimits { MaxResponseBytes = 1_000_000 });
        Address spinner = await node.Deploy(6, Contracts.Spinner());
        // Spins until its 2,000,000 gas run out: ~250,000 steps, ~40 MB of struct logs.
        JsonElement receipt = await node.SendAndMine(TestNode.Sign(6, 1, spinner, UInt256.Zero, gas: 2_000_000));
        string hash = receipt.GetProperty("transactionHash").GetString()!;
        RpcError e = await node.CallFails("debug_traceTransaction", hash);
        Assert.That(e.Code, Is.EqualTo(-32005));
        Assert.That(e.Message, Does.Contain("trace result larger than 1000000 bytes"));
        JsonElement limited = await node.Call("debug_traceTransaction", hash, new { limit = 100 });
        Assert.That(limited.GetProperty("structLogs").GetArrayLength(), Is.EqualTo(100));
        JsonElement calls = await node.Call("debug_traceTransaction", hash, new { tracer = "callTracer" });
        Assert.That(calls.GetProperty("error").GetString(), Is.EqualTo("out of gas"));
    }
}
