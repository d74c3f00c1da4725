using System.Net;
using System.Text;

namespace OasisEth.Rpc.Tests;

/// <summary>The JSON-RPC envelope: errors for malformed input, batches, notifications, limits.</summary>
[TestFixture]
public sealed class ProtocolTests
{
    private TestNode _node = null!;

    [OneTimeSetUp]
    public async Task Start() => _node = await TestNode.StartAsync(new RpcLimits { MaxBatchSize = 5, MaxRequestBytes = 64 * 1024 });

    [OneTimeTearDown]
    public async Task Stop() => await _node.DisposeAsync();

    private static (int Code, string Message) ErrorOf(JsonElement response)
    {
        JsonElement e = response.GetProperty("error");
        return (e.GetProperty("code").GetInt32(), e.GetProperty("message").GetString()!);
    }

    [Test]
    public async Task Malformed_json_is_a_parse_error_with_null_id()
    {
        JsonElement r = await _node.Post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");
        Assert.That(ErrorOf(r).Code, Is.EqualTo(-32700));
        Assert.That(r.GetProperty("id").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [TestCase("{\"jsonrpc\":\"2.0\",\"id\":1}")]
    [TestCase("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"eth_chainId\"}")]
    [TestCase("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}")]
    [TestCase("42")]
    [TestCase("[]")]
    public async Task Invalid_requests_are_answered_with_32600(string body)
    {
        JsonElement r = await _node.Post(body);
        Assert.That(ErrorOf(r).Code, Is.EqualTo(-32600));
    }

    [Test]
    public async Task Unknown_method_is_32601_and_the_id_is_echoed()
    {
        JsonElement r = await _node.Post("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"eth_nope\",\"params\":[]}");
        Assert.That(ErrorOf(r), Is.EqualTo((-32601, "the method eth_nope does not exist/is not available")));
        Assert.That(r.GetProperty("id").GetString(), Is.EqualTo("abc"));
    }

    [TestCase("eth_getBalance", "[\"0x1234\", \"latest\"]", "invalid argument 0: hex string has length 4, want 40 for common.Address")]
    [TestCase("eth_getBalance", "[\"1234567890123456789012345678901234567890\", \"latest\"]", "invalid argument 0: hex string without 0x prefix")]
    [TestCase("eth_getBalance", "[\"0xzz34567890123456789012345678901234567890\", \"latest\"]", "invalid argument 0: invalid hex string")]
    [TestCase("eth_getBalance", "[42, \"latest\"]", "invalid argument 0: expected a hex data string")]
    [TestCase("eth_getBlockByNumber", "[\"0xnothex\", false]", "invalid argument 0: invalid hex string")]
    [TestCase("eth_getBlockByNumber", "[\"0x1\", \"yes\"]", "invalid argument 1: expected a boolean")]
    [TestCase("eth_sendRawTransaction", "[\"0x123\"]", "invalid argument 0: hex string of odd length")]
    [TestCase("eth_getTransactionByHash", "[]", "missing value for required argument 0")]
    [TestCase("eth_getBalance", "{\"a\":1}", "non-array args")]
    public async Task Wrong_parameters_are_32602(string method, string parameters, string message)
    {
        JsonElement r = await _node.Post($"{{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"{method}\",\"params\":{parameters}}}");
        Assert.That(ErrorOf(r), Is.EqualTo((-32602, message)));
    }

    [Test]
    public async Task Batch_answers_each_call_in_order_and_skips_notifications()
    {
        JsonElement r = await _node.Post("""
            [{"jsonrpc":"2.0","id":1,"method":"eth_chainId"},
             {"jsonrpc":"2.0","method":"eth_chainId"},
             {"jsonrpc":"2.0","id":2,"method":"eth_nope"},
             {"jsonrpc":"2.0","id":3,"method":"net_version","params":[]},
             5]
            """);
        Assert.That(r.GetArrayLength(), Is.EqualTo(4));
        Assert.That(r[0].GetProperty("id").GetInt32(), Is.EqualTo(1));
        Assert.That(r[0].GetProperty("result").GetString(), Is.EqualTo("0x7a69"));
        Assert.That(ErrorOf(r[1]).Code, Is.EqualTo(-32601));
        Assert.That(r[2].GetProperty("result").GetString(), Is.EqualTo("31337"));
        Assert.That(ErrorOf(r[3]).Code, Is.EqualTo(-32600));
    }

    [Test]
    public async Task Notification_only_request_gets_an_empty_answer()
    {
        (HttpStatusCode status, string body) = await _node.PostRaw("{\"jsonrpc\":\"2.0\",\"method\":\"eth_chainId\"}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Is.Empty);
    }

    [Test]
    public async Task Batch_over_the_limit_is_one_error()
    {
        string one = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}";
        JsonElement r = await _node.Post("[" + string.Join(",", Enumerable.Repeat(one, 6)) + "]");
        Assert.That(ErrorOf(r), Is.EqualTo((-32600, "batch too large (6 > 5 requests)")));
        JsonElement ok = await _node.Post("[" + string.Join(",", Enumerable.Repeat(one, 5)) + "]");
        Assert.That(ok.GetArrayLength(), Is.EqualTo(5));
    }

    [Test]
    public async Task Oversized_body_is_413_with_a_json_rpc_error_and_the_server_keeps_serving()
    {
        string big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[\"" + new string('a', 70 * 1024) + "\"]}";
        (HttpStatusCode status, string body) = await _node.PostRaw(big);
        Assert.That(status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(-32600));
        Assert.That((await _node.Call("eth_chainId")).GetString(), Is.EqualTo("0x7a69"));
    }

    [Test]
    public async Task Deeply_nested_json_is_refused_without_harm()
    {
        string deep = new string('[', 5000) + new string(']', 5000);
        JsonElement r = await _node.Post(deep);
        Assert.That(ErrorOf(r).Code, Is.EqualTo(-32700));
    }

    [Test]
    public async Task Garbage_bytes_are_a_parse_error()
    {
        var random = new Random(7);
        var bytes = new byte[512];
        random.NextBytes(bytes);
        JsonElement r = await _node.Post(Encoding.Latin1.GetString(bytes));
        Assert.That(ErrorOf(r).Code, Is.EqualTo(-32700));
    }
}
