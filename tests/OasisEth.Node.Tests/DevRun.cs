using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OasisEth.Node.Dev;

namespace OasisEth.Node.Tests;

/// <summary>
/// <c>oasis-eth dev</c> run in this process (<see cref="DevCommand.RunAsync"/>) on a free port: its output lines, its
/// URL once it listens, a JSON-RPC call helper, and a clean stop (the same path as SIGTERM).
/// </summary>
internal sealed class DevRun : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly CancellationTokenSource _stop = new();
    private readonly LineWriter _out = new();
    private readonly LineWriter _err = new();

    private DevRun(DevOptions options) => Exit = Task.Run(() => DevCommand.RunAsync(options, _out, _err, _stop.Token));

    public Task<int> Exit { get; }
    public Uri Url { get; private set; } = null!;
    public string Output => _out.Text;
    public string Errors => _err.Text;

    public static DevOptions Options(string dataDirectory, bool reset = false, ulong? blockTime = null) => new()
    {
        DataDirectory = dataDirectory,
        Reset = reset,
        HttpPort = 0,
        BlockTimeSeconds = blockTime,
    };

    /// <summary>Starts the node and waits until it listens; fails with its output when it exits first.</summary>
    public static async Task<DevRun> StartAsync(DevOptions options)
    {
        var run = new DevRun(options);
        Task first = await Task.WhenAny(run._out.Listening, run.Exit).WaitAsync(TimeSpan.FromSeconds(60));
        if (first == run.Exit)
            Assert.Fail($"the node exited with {await run.Exit} before listening:\n{run.Output}\n{run.Errors}");
        run.Url = new Uri(await run._out.Listening);
        return run;
    }

    /// <summary>Runs a node expected to refuse to start: its exit code.</summary>
    public static async Task<(int Code, string Output, string Errors)> RunToExitAsync(DevOptions options)
    {
        var run = new DevRun(options);
        Task first = await Task.WhenAny(run._out.Listening, run.Exit).WaitAsync(TimeSpan.FromSeconds(60));
        if (first != run.Exit) await run.DisposeAsync();
        return (await run.Exit, run.Output, run.Errors);
    }

    public async Task<JsonElement> Call(string method, params object?[] parameters)
    {
        string body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = parameters,
        });
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await Http.PostAsync(Url, content);
        JsonElement root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        if (root.TryGetProperty("error", out JsonElement error)) Assert.Fail($"{method} failed: {error}");
        return root.GetProperty("result");
    }

    /// <summary>Calls a method expected to fail: the error's message.</summary>
    public async Task<string> CallError(string method, params object?[] parameters)
    {
        string body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = parameters,
        });
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await Http.PostAsync(Url, content);
        JsonElement root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(root.TryGetProperty("error", out JsonElement error), Is.True, $"{method} should fail: {root}");
        return error.GetProperty("message").GetString()!;
    }

    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await Exit.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (!Exit.IsCompleted) await StopAsync();
        _stop.Dispose();
    }

    /// <summary>Collects written text; completes <see cref="Listening"/> with the URL of "Listening on URL".</summary>
    private sealed class LineWriter : TextWriter
    {
        private readonly StringBuilder _text = new();
        private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Encoding Encoding => Encoding.UTF8;
        public Task<string> Listening => _listening.Task;

        public string Text
        {
            get { lock (_text) return _text.ToString(); }
        }

        public override void Write(char value)
        {
            lock (_text) _text.Append(value);
        }

        public override void WriteLine(string? value)
        {
            lock (_text) _text.Append(value).Append('\n');
            const string prefix = "Listening on ";
            if (value is not null && value.StartsWith(prefix, StringComparison.Ordinal)) _listening.TrySetResult(value[prefix.Length..]);
        }
    }
}
