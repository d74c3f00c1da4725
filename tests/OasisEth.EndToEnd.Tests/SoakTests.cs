using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace OasisEth.EndToEnd.Tests;

/// <summary>
/// A randomised soak: workers send valid transfers (eth_sendTransaction under automine: an answer means the round
/// committed) mixed with hostile requests, and the node is killed with SIGKILL at random points, then restarted on
/// the same directory, for a bounded time (<c>OASISETH_SOAK_SECONDS</c>, default 100). Afterwards every
/// acknowledged transaction has its receipt, every balance equals genesis minus what the chain's own blocks and
/// receipts say was spent, and the OETH supply figures add up. Loopback only; the seed is printed
/// (<c>OASISETH_SOAK_SEED</c> replays the same choices).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SoakTests
{
    private static readonly BigInteger Oeth = BigInteger.Pow(10, 18);
    private static readonly BigInteger GenesisBalance = 10_000 * Oeth;
    private static readonly BigInteger TotalSupply = 21_000_000 * Oeth;
    private const int Workers = 4;

    /// <summary>The first dev accounts (mnemonic "test … junk"): the senders.</summary>
    private static readonly string[] Senders =
    [
        "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
        "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc", "0x90f79bf6eb2c4f870365e785982e1f101e93b906",
    ];

    private static readonly string[] Recipients =
        [.. Enumerable.Range(1, 4).Select(i => "0x00000000000000000000000000000000000000b" + i.ToString(CultureInfo.InvariantCulture))];

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Test]
    public async Task Kill9_at_random_points_under_mixed_traffic_loses_nothing_acknowledged_and_the_books_balance()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("OASISETH_SOAK_SEED"), out int s) ? s : Environment.TickCount;
        int seconds = int.TryParse(Environment.GetEnvironmentVariable("OASISETH_SOAK_SECONDS"), out int d) ? d : 100;
        TestContext.Out.WriteLine($"soak seed {seed}, {seconds} s");
        var random = new Random(seed);
        var acknowledged = new ConcurrentBag<string>();
        var hostileAnswers = new ConcurrentDictionary<string, int>();
        using var dir = new TempDirectory();
        string chain = dir.Sub("chain");
        var clock = Stopwatch.StartNew();
        int kills = 0;

        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            using DevNodeProcess node = DevNodeProcess.Start(chain);
            var url = new Uri(node.Url);
            using var stop = new CancellationTokenSource();
            Task[] workers = [.. Enumerable.Range(0, Workers).Select(w =>
                Task.Run(() => Work(url, w, new Random(random.Next()), acknowledged, hostileAnswers, () => FailureLines(node), stop.Token)))];
            await Task.Delay(random.Next(1_500, 9_000));
            node.Kill();
            kills++;
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }

        using DevNodeProcess final = DevNodeProcess.Start(chain);
        var finalUrl = new Uri(final.Url);
        TestContext.Out.WriteLine($"{kills} kills, {acknowledged.Count} acknowledged transfers; hostile answers: "
            + string.Join(", ", hostileAnswers.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")));
        Assert.That(acknowledged, Is.Not.Empty, "the soak sent nothing");
        await Reconcile(finalUrl, acknowledged);
        Assert.That(final.Terminate(TimeSpan.FromSeconds(30)), Is.Zero);
    }

    /// <summary>One worker: mostly valid transfers from its own account, a hostile request one time in four.</summary>
    private static async Task Work(Uri url, int worker, Random random, ConcurrentBag<string> acknowledged,
        ConcurrentDictionary<string, int> hostile, Func<string> nodeFailures, CancellationToken stop)
    {
        string from = Senders[worker];
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (random.Next(4) != 0)
                {
                    string to = Recipients[random.Next(Recipients.Length)];
                    string value = "0x" + random.Next(1, 1_000_000).ToString("x", CultureInfo.InvariantCulture);
                    JsonElement r = await Post(url, Request("eth_sendTransaction", new { from, to, value }), stop);
                    if (r.TryGetProperty("result", out JsonElement hash)) acknowledged.Add(hash.GetString()!);
                    else Assert.Fail($"a valid transfer failed: {r}\nthe node logged:\n{nodeFailures()}");
                }
                else
                {
                    (string name, HttpStatusCode status) = await Hostile(url, random, from, stop);
                    Assert.That((int)status, Is.LessThan(500), $"{name} answered {status}");
                    hostile.AddOrUpdate(name, 1, (_, n) => n + 1);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException or IOException)
            {
                // The node was killed under the request: its answer never came, so nothing was acknowledged.
                return;
            }
        }
    }

    /// <summary>What the node logged about failed requests and rounds (its stack traces), for a failure message.</summary>
    private static string FailureLines(DevNodeProcess node)
    {
        string[] lines = node.Output.Split('\n');
        int first = Array.FindIndex(lines, l => l.Contains("failed", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
        return first < 0 ? "(nothing)" : string.Join('\n', lines.Skip(first).Take(60));
    }

    private static string Request(string method, params object?[] parameters) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = parameters,
    });

    /// <summary>A hostile or careless request from the list; its name and HTTP status.</summary>
    private static async Task<(string, HttpStatusCode)> Hostile(Uri url, Random random, string from, CancellationToken stop)
    {
        switch (random.Next(10))
        {
            case 0:
                var garbage = new byte[random.Next(1, 2_000)];
                random.NextBytes(garbage);
                return ("garbage", await Send(url, garbage, "application/json", null, stop));
            case 1:
                return ("lone-surrogate", await Send(url, Encoding.UTF8.GetBytes(
                    "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\\ud800\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_getBalance\",\"params\":[\"\\udc00\"]}]"),
                    "application/json", null, stop));
            case 2:
                return ("evm_mine-2^64-1", await Send(url, Encoding.UTF8.GetBytes(Request("evm_mine", "0xffffffffffffffff")), "application/json", null, stop));
            case 3:
                return ("setNextBlockTimestamp-2^64-2", await Send(url, Encoding.UTF8.GetBytes(Request("evm_setNextBlockTimestamp", "0xfffffffffffffffe")),
                    "application/json", null, stop));
            case 4:
                return ("text/plain", await Send(url, Encoding.UTF8.GetBytes(Request("eth_sendTransaction", new { from, to = from, value = "0x1" })),
                    "text/plain", null, stop));
            case 5:
                return ("foreign-host", await Send(url, Encoding.UTF8.GetBytes(Request("eth_chainId")), "application/json", "evil.example", stop));
            case 6:
                var big = new byte[200_000];
                random.NextBytes(big);
                return ("oversized-raw-tx", await Send(url, Encoding.UTF8.GetBytes(Request("eth_sendRawTransaction", "0x" + Convert.ToHexString(big))),
                    "application/json", null, stop));
            case 7:
                return ("batch-1001", await Send(url, Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat(Request("eth_chainId"), 1001)) + "]"),
                    "application/json", null, stop));
            case 8:
                return ("unaffordable-send", await Send(url, Encoding.UTF8.GetBytes(Request("eth_sendTransaction",
                    new { from, to = from, value = "0x" + (1_000_000 * Oeth).ToString("x", CultureInfo.InvariantCulture) })), "application/json", null, stop));
            default:
                return ("evm_increaseTime-2^64-1", await Send(url, Encoding.UTF8.GetBytes(Request("evm_increaseTime", "0xffffffffffffffff")),
                    "application/json", null, stop));
        }
    }

    private static async Task<HttpStatusCode> Send(Uri url, byte[] body, string contentType, string? host, CancellationToken stop)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (host is not null) request.Headers.Host = host;
        using HttpResponseMessage response = await Http.SendAsync(request, stop);
        await response.Content.ReadAsByteArrayAsync(stop);
        return response.StatusCode;
    }

    private static async Task<JsonElement> Post(Uri url, string body, CancellationToken stop)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await Http.PostAsync(url, content, stop);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop)).RootElement.Clone();
    }

    private static async Task<JsonElement> Call(Uri url, string method, params object?[] parameters)
    {
        JsonElement r = await Post(url, Request(method, parameters), CancellationToken.None);
        Assert.That(r.TryGetProperty("error", out JsonElement error), Is.False, $"{method}: {error}");
        return r.GetProperty("result");
    }

    private static BigInteger Wei(JsonElement quantity) =>
        BigInteger.Parse("0" + quantity.GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>Receipts for every acknowledged hash; balances and supply from the chain's own record.</summary>
    private static async Task Reconcile(Uri url, IEnumerable<string> acknowledged)
    {
        foreach (string hash in acknowledged)
        {
            JsonElement receipt = await Call(url, "eth_getTransactionReceipt", hash);
            Assert.That(receipt.ValueKind, Is.EqualTo(JsonValueKind.Object), $"acknowledged {hash} has no receipt");
            Assert.That(receipt.GetProperty("status").GetString(), Is.EqualTo("0x1"), hash);
        }

        // Every mined transaction counts, acknowledged or not (a round may commit just before a kill).
        var expected = new Dictionary<string, BigInteger>(StringComparer.OrdinalIgnoreCase);
        foreach (string sender in Senders) expected[sender] = GenesisBalance;
        foreach (string recipient in Recipients) expected[recipient] = BigInteger.Zero;
        BigInteger burned = BigInteger.Zero;
        ulong head = (ulong)Wei(await Call(url, "eth_blockNumber"));
        for (ulong n = 1; n <= head; n++)
        {
            JsonElement block = await Call(url, "eth_getBlockByNumber", "0x" + n.ToString("x", CultureInfo.InvariantCulture), true);
            BigInteger baseFee = Wei(block.GetProperty("baseFeePerGas"));
            foreach (JsonElement tx in block.GetProperty("transactions").EnumerateArray())
            {
                JsonElement receipt = await Call(url, "eth_getTransactionReceipt", tx.GetProperty("hash").GetString());
                BigInteger gasUsed = Wei(receipt.GetProperty("gasUsed"));
                BigInteger value = Wei(tx.GetProperty("value"));
                string from = tx.GetProperty("from").GetString()!;
                string to = tx.GetProperty("to").GetString()!;
                expected[from] -= value + gasUsed * Wei(receipt.GetProperty("effectiveGasPrice"));
                expected[to] += value;
                burned += gasUsed * baseFee;
            }
        }
        BigInteger circulating = BigInteger.Zero;
        foreach ((string account, BigInteger balance) in expected)
        {
            Assert.That(Wei(await Call(url, "eth_getBalance", account, "latest")), Is.EqualTo(balance), account);
            circulating += balance;
        }
        // The other six dev accounts were never touched.
        circulating += 6 * GenesisBalance;

        JsonElement supply = await Call(url, "oasis_supply", "latest");
        BigInteger pool = Wei(supply.GetProperty("rewardPool")), unclaimed = Wei(supply.GetProperty("unclaimed"));
        Assert.That(pool + unclaimed + Wei(supply.GetProperty("circulating")) + Wei(supply.GetProperty("burned")), Is.EqualTo(TotalSupply));
        Assert.That(Wei(supply.GetProperty("total")), Is.EqualTo(TotalSupply));
        Assert.That(Wei(supply.GetProperty("circulating")), Is.EqualTo(circulating), "circulating = the accounts' balances");
        Assert.That(Wei(supply.GetProperty("burned")), Is.EqualTo(burned), "burned = Σ gasUsed × base fee");
    }
}
