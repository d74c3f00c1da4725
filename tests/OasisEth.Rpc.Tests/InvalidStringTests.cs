using System.Net;
using System.Net.WebSockets;
using System.Text;

namespace OasisEth.Rpc.Tests;

/// <summary>
/// Strings JSON can carry but .NET cannot read: a lone UTF-16 surrogate escape ("\ud800") or raw bytes that are not
/// UTF-8. They are per-request errors: -32600 in the envelope (method, jsonrpc, id), -32602 in parameters; a batch
/// keeps its other answers and a WebSocket stays open.
/// </summary>
[TestFixture]
public sealed class InvalidStringTests
{
    private TestNode _node = null!;

    [OneTimeSetUp]
    public async Task Start() => _node = await TestNode.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _node.DisposeAsync();

    private const string Ok = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}";

    /// <summary>A request whose method name holds the bytes <c>ff fe</c> (not UTF-8).</summary>
    private static byte[] NonUtf8Method(int id)
    {
        byte[] head = Encoding.ASCII.GetBytes($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"eth_");
        byte[] tail = Encoding.ASCII.GetBytes("\"}");
        return [.. head, 0xff, 0xfe, .. tail];
    }

    private static int CodeOf(JsonElement response) => response.GetProperty("error").GetProperty("code").GetInt32();

    [TestCase("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"\\ud800\"}")]
    [TestCase("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_\\udfff\"}")]
    [TestCase("{\"jsonrpc\":\"\\ud800\",\"id\":2,\"method\":\"eth_chainId\"}")]
    public async Task A_lone_surrogate_in_the_envelope_is_32600_and_the_batch_keeps_its_other_answers(string bad)
    {
        (HttpStatusCode status, string body) = await _node.PostRaw($"[{Ok},{bad}]");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        JsonElement r = JsonDocument.Parse(body).RootElement;
        Assert.That(r.GetArrayLength(), Is.EqualTo(2));
        Assert.That(r[0].GetProperty("result").GetString(), Is.EqualTo("0x7a69"));
        Assert.That(CodeOf(r[1]), Is.EqualTo(-32600));
    }

    [Test]
    public async Task A_lone_surrogate_id_is_32600_with_a_null_id()
    {
        JsonElement r = await _node.Post("{\"jsonrpc\":\"2.0\",\"id\":\"\\ud800\",\"method\":\"eth_chainId\"}");
        Assert.That(CodeOf(r), Is.EqualTo(-32600));
        Assert.That(r.GetProperty("id").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task A_non_utf8_method_name_is_32600_over_http()
    {
        byte[] batch = [.. Encoding.ASCII.GetBytes("["), .. NonUtf8Method(3), .. Encoding.ASCII.GetBytes("," + Ok + "]")];
        (HttpStatusCode status, string body) = await _node.PostBytes(batch);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        JsonElement r = JsonDocument.Parse(body).RootElement;
        Assert.That(CodeOf(r[0]), Is.EqualTo(-32600));
        Assert.That(r[0].GetProperty("id").GetInt32(), Is.EqualTo(3));
        Assert.That(r[1].GetProperty("result").GetString(), Is.EqualTo("0x7a69"));
    }

    [TestCase("eth_getBalance", "[\"\\ud800\", \"latest\"]")]
    [TestCase("eth_getBlockByNumber", "[\"\\udc00\", false]")]
    [TestCase("eth_call", "[{\"to\":\"\\ud800\"}, \"latest\"]")]
    [TestCase("eth_sign", "[\"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\", \"\\ud800\"]")]
    [TestCase("eth_signTypedData_v4", "[\"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\", \"\\ud800\"]")]
    [TestCase("debug_traceCall", "[{}, \"latest\", {\"tracer\":\"\\ud800\"}]")]
    [TestCase("eth_subscribe", "[\"\\ud800\"]")]
    public async Task A_lone_surrogate_in_a_parameter_is_32602_and_nothing_is_logged_as_a_failure(string method, string parameters)
    {
        int before;
        lock (_node.Log) before = _node.Log.Count;
        JsonElement r = await _node.Post($"{{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"{method}\",\"params\":{parameters}}}");
        Assert.That(CodeOf(r), Is.AnyOf(-32602, -32001), r.ToString());
        lock (_node.Log) Assert.That(_node.Log.Skip(before).Where(l => l.Contains("failed", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task Over_websocket_a_bad_method_name_is_an_error_and_the_connection_and_its_subscriptions_stay()
    {
        await using WsClient ws = await WsClient.ConnectAsync(_node.Node.WebSocketUrl);
        string subscription = (await ws.Call("eth_subscribe", "newHeads")).GetString()!;
        await ws.SendText("{\"jsonrpc\":\"2.0\",\"id\":1000,\"method\":\"\\ud800\"}");
        JsonElement answer = await ws.NextNotification();
        Assert.That(CodeOf(answer), Is.EqualTo(-32600));
        // Binary frames carry no UTF-8 promise at the WebSocket level: the bytes reach the JSON-RPC decoder.
        await ws.SendBinary(NonUtf8Method(1001));
        answer = await ws.NextNotification();
        Assert.That(CodeOf(answer), Is.EqualTo(-32600));
        Assert.That(ws.State, Is.EqualTo(WebSocketState.Open));
        Assert.That((await ws.Call("eth_chainId")).GetString(), Is.EqualTo("0x7a69"));
        await _node.Call("evm_mine");
        JsonElement head = await ws.NextNotification();
        Assert.That(head.GetProperty("subscription").GetString(), Is.EqualTo(subscription));
    }
}
