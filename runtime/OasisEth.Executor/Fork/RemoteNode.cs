using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OasisEth.Executor;

/// <summary>
/// A JSON-RPC client for the node a dev chain forks from. Every read is sent as one JSON-RPC batch (an array of
/// requests in one HTTP POST), so an account's balance, nonce and code cost one round trip. Synchronous because the
/// state readers that call it are (a round asks for an account in the middle of executing a transaction). Any
/// failure (connection, HTTP status, JSON-RPC error, malformed answer) becomes a <see cref="ForkRemoteException"/>
/// naming the URL and the method, which the RPC layer reports as an error instead of crashing.
/// </summary>
public sealed class RemoteNode : IDisposable
{
    /// <summary>A remote read that takes longer is an error (the caller's request fails, the node goes on).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private long _httpRequests;
    private long _calls;

    public RemoteNode(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            throw new ArgumentException($"The fork URL must be http:// or https://, not '{url}'.", nameof(url));
        Url = url;
        _http = new HttpClient { Timeout = RequestTimeout };
    }

    public Uri Url { get; }

    /// <summary>HTTP requests sent so far (each one a batch): what the disk cache saves, shown in tests.</summary>
    public long HttpRequests => Interlocked.Read(ref _httpRequests);

    /// <summary>JSON-RPC calls sent so far, over all batches.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>One request of a batch: the method and its parameters, already JSON.</summary>
    public readonly record struct Request(string Method, string ParamsJson);

    /// <summary>Sends <paramref name="requests"/> as one batch; the results in the same order (JSON null stays a
    /// JsonElement of kind Null). Throws <see cref="ForkRemoteException"/> when any of them failed.</summary>
    public JsonElement[] Batch(IReadOnlyList<Request> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0) return [];
        var body = new StringBuilder(64 * requests.Count).Append('[');
        for (int i = 0; i < requests.Count; i++)
        {
            if (i > 0) body.Append(',');
            body.Append(CultureInfo.InvariantCulture, $"{{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"{requests[i].Method}\",\"params\":{requests[i].ParamsJson}}}");
        }
        body.Append(']');
        string what = requests.Count == 1 ? requests[0].Method : $"a batch of {requests.Count} ({requests[0].Method}, ...)";
        JsonDocument document = Post(body.ToString(), what);
        Interlocked.Add(ref _calls, requests.Count);
        using (document)
        {
            var results = new JsonElement[requests.Count];
            var seen = new bool[requests.Count];
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw Fail(what, Describe(document.RootElement));
            foreach (JsonElement response in document.RootElement.EnumerateArray())
            {
                if (!response.TryGetProperty("id", out JsonElement idElement) || !idElement.TryGetInt32(out int id) || id < 0 || id >= results.Length)
                    throw Fail(what, Describe(response));
                if (response.TryGetProperty("error", out JsonElement error) && error.ValueKind != JsonValueKind.Null)
                    throw Fail(requests[id].Method, Describe(response));
                if (!response.TryGetProperty("result", out JsonElement result))
                    throw Fail(requests[id].Method, "an answer without a result");
                results[id] = result.Clone();
                seen[id] = true;
            }
            for (int i = 0; i < seen.Length; i++)
                if (!seen[i]) throw Fail(requests[i].Method, "no answer to this request in the batch");
            return results;
        }
    }

    /// <summary>One call (a batch of one).</summary>
    public JsonElement Call(string method, string paramsJson) => Batch([new Request(method, paramsJson)])[0];

    /// <summary>Forwards a JSON-RPC request as it came (method and raw params) and returns the raw answer's
    /// "result" or "error" object: what the dev node proxies for blocks before the fork.</summary>
    public (JsonElement? Result, JsonElement? Error) Forward(string method, string paramsJson)
    {
        string body = $"{{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"{method}\",\"params\":{paramsJson}}}";
        using JsonDocument document = Post(body, method);
        Interlocked.Increment(ref _calls);
        JsonElement root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out JsonElement error) && error.ValueKind != JsonValueKind.Null)
            return (null, error.Clone());
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("result", out JsonElement result)) return (result.Clone(), null);
        throw Fail(method, Describe(root));
    }

    private JsonDocument Post(string body, string what)
    {
        Interlocked.Increment(ref _httpRequests);
        try
        {
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = content };
            using HttpResponseMessage response = _http.Send(request);
            if (!response.IsSuccessStatusCode)
                throw Fail(what, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            using Stream stream = response.Content.ReadAsStream();
            return JsonDocument.Parse(stream);
        }
        catch (ForkRemoteException)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException or InvalidOperationException)
        {
            throw Fail(what, e is TaskCanceledException ? $"no answer within {RequestTimeout.TotalSeconds:0} s" : e.Message);
        }
    }

    private ForkRemoteException Fail(string what, string reason) =>
        new($"the fork's remote node {Url.GetLeftPart(UriPartial.Path)} failed {what}: {reason}");

    private static string Describe(JsonElement element)
    {
        string text = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("error", out JsonElement error) ? error.GetRawText() : element.GetRawText();
        return text.Length <= 300 ? text : text[..300] + "...";
    }

    public void Dispose() => _http.Dispose();
}
