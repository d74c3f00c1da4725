using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Runtime;
using System.Text;

namespace OasisEth.Rpc;

/// <summary>
/// Right after the server listens, it sends itself a few hundred read-only requests over loopback (one kept-alive
/// HTTP/1.1 connection, as a client's), in bursts with a pause between, so the request path (Kestrel, the
/// dispatcher, the common read methods, an eth_call through the interpreter) reaches the tiered JIT's call count and
/// is recompiled at full optimisation in the background before clients come. Without it a client's first few hundred
/// requests ran ReadyToRun and tier-0 code: an eth_call to a STOP contract measured 1.2-1.3x its steady time over
/// calls 50-350. Nothing here changes state; a failure only ends the warm-up.
/// The bursts go on until one (with the pause before it) saw the JIT compile nothing. Two fixed bursts were not
/// enough when a client started deploying at once (as bench/compare does): each new method its requests
/// JIT-compiled restarted the runtime's call-counting delay, so none of the warm-up's calls were counted and the
/// whole path was promoted later, during the client's first ~600 eth_calls (1.1-1.2x anvil's time, then 0.85-0.95).
/// </summary>
internal static class RpcWarmup
{
    /// <summary>Each request's count per burst: past the JIT's promotion threshold (30 calls).</summary>
    private const int CallsPerBurst = 36;

    /// <summary>Pause between the bursts: past the delay after which the JIT starts counting calls.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(60);

    /// <summary>Bursts at least (the first only brings the path to tier 0) and at most (a client that keeps the JIT
    /// busy for longer is warming the node itself).</summary>
    public const int MinBursts = 2, MaxBursts = 6;

    /// <summary>Methods the JIT may compile during a pause and burst that still counts as quiet (a timer's, a log
    /// line's): the warm-up's own path is then at its final tier.</summary>
    private const long QuietCompiles = 2;

    // A few cheap instructions and a loop of 16 (memory, arithmetic, a backward jump), returning 32 bytes:
    // PUSH1 16; JUMPDEST(2); PUSH1 1; SWAP1; SUB; DUP1; PUSH1 0; MSTORE; DUP1; PUSH1 2; JUMPI; PUSH1 32; PUSH1 0; RETURN
    private const string LoopCode = "0x60105b6001900380600052806002576020" + "6000f3";

    private static readonly string[] Bodies =
    [
        Request("eth_chainId", "[]"),
        Request("eth_blockNumber", "[]"),
        Request("eth_getBalance", "[\"0x00000000000000000000000000000000000000e1\",\"latest\"]"),
        Request("eth_getTransactionCount", "[\"0x00000000000000000000000000000000000000e1\",\"latest\"]"),
        Request("eth_getCode", "[\"0x00000000000000000000000000000000000000e1\",\"latest\"]"),
        Request("eth_gasPrice", "[]"),
        Request("eth_getBlockByNumber", "[\"latest\",false]"),
        Request("eth_getTransactionReceipt", "[\"0x" + new string('0', 63) + "1\"]"),
        Request("eth_call", "[{\"to\":\"0x00000000000000000000000000000000000000e1\",\"data\":\"0x\"},\"latest\"]"),
        Request("eth_call", "[{\"to\":\"0x00000000000000000000000000000000000000e2\",\"data\":\"0x01\"},\"latest\",{\"0x00000000000000000000000000000000000000e2\":{\"code\":\"" + LoopCode + "\"}}]"),
        Request("eth_estimateGas", "[{\"to\":\"0x00000000000000000000000000000000000000e1\",\"data\":\"0x\"}]"),
    ];

    private static string Request(string method, string parameters) =>
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + parameters + "}";

    /// <summary>Requests one burst sends; a whole warm-up sends <see cref="MinBursts"/> to <see cref="MaxBursts"/> of them.</summary>
    public static int RequestsPerBurst => Bodies.Length * CallsPerBurst;

    /// <summary>Runs the warm-up: the number of requests answered (fewer when it stopped early).</summary>
    public static Task<int> RunAsync(Uri url, CancellationToken ct) => Task.Run(async () =>
    {
        int answered = 0;
        try
        {
            IPAddress address = IPAddress.TryParse(url.Host.Trim('[', ']'), out IPAddress? bound) ? bound : IPAddress.Loopback;
            if (address.Equals(IPAddress.Any)) address = IPAddress.Loopback;
            if (address.Equals(IPAddress.IPv6Any)) address = IPAddress.IPv6Loopback;
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(address, url.Port), ct);
            byte[][] requests = [.. Bodies.Select(body => Frame(url, body))];
            var buffer = new byte[64 * 1024];
            for (int burst = 0; burst < MaxBursts; burst++)
            {
                long compiledBefore = JitInfo.GetCompiledMethodCount();
                if (burst > 0) await Task.Delay(Pause, ct);
                for (int i = 0; i < CallsPerBurst; i++)
                {
                    foreach (byte[] request in requests)
                    {
                        await socket.SendAsync(request, ct);
                        if (!await ReadResponseAsync(socket, buffer, ct)) return answered;
                        answered++;
                    }
                }
                if (burst + 1 >= MinBursts && JitInfo.GetCompiledMethodCount() - compiledBefore <= QuietCompiles) break;
            }
            // The bursts' garbage would otherwise sit in committed GC regions until the first collection.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            // The node is stopping, or the port is not reachable this way: the warm-up is only an optimisation.
        }
        return answered;
    }, ct);

    private static byte[] Frame(Uri url, string body) => Encoding.ASCII.GetBytes(
        $"POST / HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");

    /// <summary>Reads one whole response (headers, then Content-Length bytes); false if it is not one.</summary>
    private static async Task<bool> ReadResponseAsync(Socket socket, byte[] buffer, CancellationToken ct)
    {
        int have = 0;
        while (true)
        {
            int n = await socket.ReceiveAsync(buffer.AsMemory(have), ct);
            if (n == 0) return false;
            have += n;
            ReadOnlySpan<byte> data = buffer.AsSpan(0, have);
            int headerEnd = data.IndexOf("\r\n\r\n"u8);
            if (headerEnd < 0)
            {
                if (have == buffer.Length) return false;
                continue;
            }
            int length = ContentLength(data[..headerEnd]);
            if (length < 0 || headerEnd + 4 + length > buffer.Length) return false;
            if (have >= headerEnd + 4 + length) return true;
        }
    }

    private static int ContentLength(ReadOnlySpan<byte> headers)
    {
        ReadOnlySpan<byte> name = "\r\nContent-Length: "u8;
        int at = headers.IndexOf(name);
        if (at < 0) return -1;
        ReadOnlySpan<byte> rest = headers[(at + name.Length)..];
        int end = rest.IndexOf((byte)'\r');
        return Utf8Parser.TryParse(end < 0 ? rest : rest[..end], out int value, out _) ? value : -1;
    }
}
