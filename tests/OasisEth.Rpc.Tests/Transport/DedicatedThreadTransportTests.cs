using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using OasisEth.Primitives;

namespace OasisEth.Rpc.Tests;

/// <summary>
/// The dev node's transport (a thread per connection for the first few, the pool for the rest): requests on a
/// connection are answered in order, a long call holds up only its own connection, every connection beyond the
/// dedicated threads is served too, and a client that vanishes mid-request leaves the node serving.
/// </summary>
public sealed class DedicatedThreadTransportTests
{
    private static byte[] Request(Uri url, int id, string method, string parameters = "[]")
    {
        string body = $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"{method}\",\"params\":{parameters}}}";
        return Encoding.ASCII.GetBytes(
            $"POST / HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}");
    }

    private static async Task<Socket> ConnectAsync(Uri url)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, url.Port));
        return socket;
    }

    /// <summary>Reads <paramref name="count"/> whole responses and returns their JSON-RPC ids in arrival order.</summary>
    private static async Task<List<int>> ReadIdsAsync(Socket socket, int count)
    {
        var ids = new List<int>();
        var pending = new List<byte>();
        var buffer = new byte[16 * 1024];
        while (ids.Count < count)
        {
            int n = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.That(n, Is.GreaterThan(0), "the node closed the connection");
            pending.AddRange(buffer.AsSpan(0, n));
            while (TryTakeResponse(pending, out string? body)) ids.Add(JsonDocument.Parse(body!).RootElement.GetProperty("id").GetInt32());
        }
        return ids;
    }

    private static bool TryTakeResponse(List<byte> pending, out string? body)
    {
        body = null;
        string text = Encoding.ASCII.GetString(pending.ToArray());
        int headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headerEnd < 0) return false;
        const string Name = "Content-Length: ";
        int at = text.IndexOf(Name, StringComparison.OrdinalIgnoreCase);
        int lineEnd = text.IndexOf("\r\n", at, StringComparison.Ordinal);
        int length = int.Parse(text[(at + Name.Length)..lineEnd], System.Globalization.CultureInfo.InvariantCulture);
        if (pending.Count < headerEnd + 4 + length) return false;
        body = text.Substring(headerEnd + 4, length);
        pending.RemoveRange(0, headerEnd + 4 + length);
        return true;
    }

    [Test]
    public async Task Requests_pipelined_on_one_connection_are_answered_in_order()
    {
        await using TestNode node = await TestNode.StartAsync();
        using Socket socket = await ConnectAsync(node.Node.HttpUrl);
        byte[] all = [.. Request(node.Node.HttpUrl, 1, "eth_blockNumber"), .. Request(node.Node.HttpUrl, 2, "eth_chainId"),
            .. Request(node.Node.HttpUrl, 3, "eth_gasPrice")];
        await socket.SendAsync(all, SocketFlags.None);
        Assert.That(await ReadIdsAsync(socket, 3), Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public async Task A_long_call_holds_up_only_its_own_connection()
    {
        await using TestNode node = await TestNode.StartAsync(new RpcLimits { CallTimeout = TimeSpan.FromSeconds(20) });
        // JUMPDEST; PUSH2 0x8000; PUSH0; KECCAK256; POP; PUSH0; JUMP: keccak over 32 KiB of memory, forever.
        Address loop = await node.Deploy(4, CallTimeoutTests.Deployable([0x5b, 0x61, 0x80, 0x00, 0x5f, 0x20, 0x50, 0x5f, 0x56]));
        Uri url = node.Node.HttpUrl;
        using Socket busy = await ConnectAsync(url);
        using Socket other = await ConnectAsync(url);
        var longCall = Stopwatch.StartNew();
        await busy.SendAsync(Request(url, 7, "eth_call", $"[{{\"to\":\"{loop}\",\"gas\":\"0x1c9c380\"}},\"latest\"]"), SocketFlags.None);
        Task<List<int>> longAnswer = ReadIdsAsync(busy, 1);
        await Task.Delay(20);

        var quick = Stopwatch.StartNew();
        await other.SendAsync(Request(url, 8, "eth_blockNumber"), SocketFlags.None);
        Assert.That(await ReadIdsAsync(other, 1), Is.EqualTo(new[] { 8 }));
        quick.Stop();

        Assert.That(await longAnswer, Is.EqualTo(new[] { 7 }));
        longCall.Stop();
        Assert.That(longCall.ElapsedMilliseconds, Is.GreaterThan(quick.ElapsedMilliseconds * 4),
            "the long call must outlast the quick one by far for this test to mean anything");
        Assert.That(longAnswer.IsCompleted, Is.True);
    }

    [Test]
    public async Task Connections_beyond_the_dedicated_threads_are_all_served()
    {
        await using TestNode node = await TestNode.StartAsync();
        Uri url = node.Node.HttpUrl;
        int count = DedicatedThreadConnection.MaxDedicatedThreads * 3;
        var sockets = new List<Socket>();
        try
        {
            for (int i = 0; i < count; i++) sockets.Add(await ConnectAsync(url));
            for (int round = 0; round < 3; round++)
            {
                await Task.WhenAll(sockets.Select((s, i) => s.SendAsync(Request(url, i, "eth_blockNumber"), SocketFlags.None)));
                List<int>[] answers = await Task.WhenAll(sockets.Select(s => ReadIdsAsync(s, 1)));
                Assert.That(answers.Select(a => a.Single()), Is.EqualTo(Enumerable.Range(0, count)));
            }
        }
        finally
        {
            foreach (Socket s in sockets) s.Dispose();
        }
        // The threads of the closed connections are free again: a new connection is served.
        Assert.That((await node.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x0"));
    }

    [Test]
    public async Task A_client_that_resets_mid_request_leaves_the_node_serving()
    {
        await using TestNode node = await TestNode.StartAsync();
        Uri url = node.Node.HttpUrl;
        for (int i = 0; i < DedicatedThreadConnection.MaxDedicatedThreads * 2; i++)
        {
            using Socket socket = await ConnectAsync(url);
            byte[] request = Request(url, i, "eth_blockNumber");
            await socket.SendAsync(request.AsMemory(0, request.Length / 2), SocketFlags.None);
            socket.LingerState = new LingerOption(true, 0); // close with RST
        }
        Assert.That((await node.Call("eth_chainId")).GetString(), Is.Not.Empty);
    }
}
