using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;

namespace OasisEth.Rpc.Tests;

/// <summary>
/// What a web page may do with the node (geth's rules): Host names on the virtual-host list only (DNS rebinding),
/// Origins on the CORS list only (default: pages on this machine), JSON bodies only (no preflight-free text/plain),
/// and a warning when listening beyond loopback.
/// </summary>
[TestFixture]
public sealed class ExposureTests
{
    private static readonly HttpClient Http = new();
    private const string ChainId = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}";
    private TestNode _node = null!;

    [OneTimeSetUp]
    public async Task Start() => _node = await TestNode.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _node.DisposeAsync();

    private async Task<HttpResponseMessage> Send(HttpMethod method, string? host = null, string? origin = null,
        string? contentType = "application/json", string body = ChainId, Uri? url = null)
    {
        var request = new HttpRequestMessage(method, url ?? _node.Node.HttpUrl);
        if (host is not null) request.Headers.Host = host;
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (method != HttpMethod.Options)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        return await Http.SendAsync(request);
    }

    [TestCase("evil.example.com")]
    [TestCase("evil.example.com:8545")]
    [TestCase("localhost.evil.example")]
    public async Task A_host_name_not_on_the_list_is_403(string host)
    {
        using HttpResponseMessage r = await Send(HttpMethod.Post, host: host);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("invalid host specified"));
    }

    [TestCase("localhost")]
    [TestCase("LOCALHOST:8545")]
    [TestCase("127.0.0.1:8545")]
    [TestCase("[::1]:8545")]
    [TestCase("10.1.2.3")]
    public async Task Localhost_and_ip_literals_are_served(string host)
    {
        using HttpResponseMessage r = await Send(HttpMethod.Post, host: host);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_foreign_origin_is_refused_and_gets_no_cors_headers()
    {
        using HttpResponseMessage preflight = await Send(HttpMethod.Options, origin: "https://evil.example");
        Assert.That(preflight.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(preflight.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
        using HttpResponseMessage post = await Send(HttpMethod.Post, origin: "https://evil.example");
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(post.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [TestCase("http://localhost:3000")]
    [TestCase("http://127.0.0.1:5173")]
    [TestCase("http://localhost")]
    public async Task A_page_on_this_machine_is_allowed_and_its_origin_echoed_not_star(string origin)
    {
        using HttpResponseMessage preflight = await Send(HttpMethod.Options, origin: origin);
        Assert.That(preflight.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(preflight.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { origin }));
        using HttpResponseMessage post = await Send(HttpMethod.Post, origin: origin);
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(post.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { origin }));
    }

    [TestCase("http://localhost:3000.evil.example")]
    [TestCase("https://localhost:3000")]
    [TestCase("null")]
    public async Task Look_alike_origins_are_refused(string origin)
    {
        using HttpResponseMessage post = await Send(HttpMethod.Post, origin: origin);
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [TestCase("text/plain")]
    [TestCase("text/plain; charset=utf-8")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("multipart/form-data; boundary=x")]
    [TestCase(null)]
    public async Task Bodies_a_page_can_send_without_preflight_are_415(string? contentType)
    {
        using HttpResponseMessage r = await Send(HttpMethod.Post, contentType: contentType);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That((await _node.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x0"), "nothing ran");
    }

    [TestCase("application/json; charset=utf-8")]
    [TestCase("application/json-rpc")]
    public async Task Json_content_types_are_served(string contentType)
    {
        using HttpResponseMessage r = await Send(HttpMethod.Post, contentType: contentType);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_websocket_from_a_foreign_origin_or_host_is_refused()
    {
        using var foreign = new ClientWebSocket();
        foreign.Options.SetRequestHeader("Origin", "https://evil.example");
        Assert.ThrowsAsync<WebSocketException>(() => foreign.ConnectAsync(_node.Node.WebSocketUrl, CancellationToken.None));
        using var rebound = new ClientWebSocket();
        rebound.Options.SetRequestHeader("Host", "evil.example.com");
        Assert.ThrowsAsync<WebSocketException>(() => rebound.ConnectAsync(_node.Node.WebSocketUrl, CancellationToken.None));
        using var local = new ClientWebSocket();
        local.Options.SetRequestHeader("Origin", "http://localhost:3000");
        await local.ConnectAsync(_node.Node.WebSocketUrl, CancellationToken.None);
        Assert.That(local.State, Is.EqualTo(WebSocketState.Open));
    }

    [Test]
    public async Task Configured_hosts_and_origins_replace_the_defaults()
    {
        await using TestNode node = await TestNode.StartAsync(options: o => o with
        {
            VirtualHosts = ["devbox.lan"],
            CorsOrigins = ["https://remix.ethereum.org"],
        });
        Uri url = node.Node.HttpUrl;
        using (HttpResponseMessage r = await Send(HttpMethod.Post, host: "devbox.lan:8545", url: url)) Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (HttpResponseMessage r = await Send(HttpMethod.Post, host: "localhost", url: url)) Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        using (HttpResponseMessage r = await Send(HttpMethod.Post, origin: "https://remix.ethereum.org", url: url))
            Assert.That(r.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "https://remix.ethereum.org" }));
        using (HttpResponseMessage r = await Send(HttpMethod.Post, origin: "http://localhost:3000", url: url))
            Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [TestCase("0.0.0.0", true)]
    [TestCase("::", true)]
    [TestCase("192.168.1.5", true)]
    [TestCase("127.0.0.1", false)]
    [TestCase("::1", false)]
    public void Listening_beyond_loopback_is_warned_about(string address, bool warned)
    {
        Assert.That(HttpExposure.BindWarning(IPAddress.Parse(address)) is not null, Is.EqualTo(warned));
    }
}
