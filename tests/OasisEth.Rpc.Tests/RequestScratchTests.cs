using System.Text;

namespace OasisEth.Rpc.Tests;

/// <summary>Per-request buffers are pooled: reused sets must never leak one answer's bytes into another's, and a set
/// grown by one large request is not kept.</summary>
[TestFixture]
public sealed class RequestScratchTests
{
    private TestNode _node = null!;

    [OneTimeSetUp]
    public async Task Start() => _node = await TestNode.StartAsync(new RpcLimits { MaxRequestBytes = 4 * 1024 * 1024 });

    [OneTimeTearDown]
    public async Task Stop() => await _node.DisposeAsync();

    [Test]
    public void A_grown_body_buffer_keeps_what_was_read()
    {
        RequestScratch scratch = new();
        byte[] small = scratch.BodyOf(16);
        "0123456789"u8.CopyTo(small);
        byte[] grown = scratch.BodyOf(100_000, kept: 10);
        Assert.That(grown.Length, Is.GreaterThanOrEqualTo(100_000));
        Assert.That(Encoding.ASCII.GetString(grown, 0, 10), Is.EqualTo("0123456789"));
    }

    [Test]
    public void A_set_grown_past_the_kept_size_comes_back_small()
    {
        RequestScratch scratch = RequestScratch.Rent();
        scratch.BodyOf(1 << 20);
        scratch.Output.GetSpan(1 << 20);
        scratch.Output.Advance(1 << 20);
        RequestScratch.Return(scratch);
        Assert.That(scratch.Body.Length, Is.LessThanOrEqualTo(256 * 1024));
        Assert.That(scratch.Output.Capacity, Is.LessThanOrEqualTo(256 * 1024));
        Assert.That(scratch.Output.WrittenCount, Is.Zero);
    }

    [Test]
    public async Task A_long_answer_then_short_ones_on_pooled_buffers_are_each_exact()
    {
        // A batch answer of several KiB, then single calls: a reused output or result buffer must hold only the new answer.
        string batch = "[" + string.Join(",", Enumerable.Range(1, 200).Select(i => $"{{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"eth_chainId\",\"params\":[]}}")) + "]";
        JsonElement many = await _node.Post(batch);
        Assert.That(many.GetArrayLength(), Is.EqualTo(200));
        Assert.That(many[199].GetProperty("id").GetInt32(), Is.EqualTo(200));
        for (int i = 0; i < 20; i++)
        {
            (System.Net.HttpStatusCode status, string text) = await _node.PostRaw($"{{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"eth_blockNumber\",\"params\":[]}}");
            Assert.That(status, Is.EqualTo(System.Net.HttpStatusCode.OK));
            Assert.That(text, Is.EqualTo($"{{\"jsonrpc\":\"2.0\",\"id\":{i},\"result\":\"0x0\"}}"));
        }
    }

    [Test]
    public async Task Concurrent_requests_get_their_own_answers()
    {
        Task<JsonElement>[] calls = Enumerable.Range(0, 64)
            .Select(i => _node.Post($"{{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"eth_getBalance\",\"params\":[\"0x{i:x40}\",\"latest\"]}}"))
            .ToArray();
        JsonElement[] answers = await Task.WhenAll(calls);
        for (int i = 0; i < answers.Length; i++)
        {
            Assert.That(answers[i].GetProperty("id").GetInt32(), Is.EqualTo(i));
            Assert.That(answers[i].GetProperty("result").GetString(), Is.EqualTo("0x0"));
        }
    }

    [Test]
    public async Task A_chunked_body_larger_than_the_first_buffer_is_read_whole()
    {
        // No Content-Length: the body buffer grows while reading and must keep every byte read before.
        string batch = "[" + string.Join(",", Enumerable.Range(1, 300).Select(i => $"{{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"eth_chainId\",\"params\":[]}}")) + "]";
        Assert.That(Encoding.UTF8.GetByteCount(batch), Is.GreaterThan(3 * 4096));
        using var http = new HttpClient();
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(batch)));
        content.Headers.ContentLength = null;
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, _node.Node.HttpUrl) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using HttpResponseMessage response = await http.SendAsync(request);
        JsonElement answers = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(answers.GetArrayLength(), Is.EqualTo(300));
        Assert.That(answers.EnumerateArray().Select(a => a.GetProperty("id").GetInt32()), Is.EqualTo(Enumerable.Range(1, 300)));
    }
}
