using System.Text.Json;

namespace OasisEth.Tracing;

/// <summary>geth's callTracer options (a request's <c>tracerConfig</c>).</summary>
public sealed record CallTracerOptions
{
    /// <summary>Only the transaction's own frame, no sub-calls (and only its own logs).</summary>
    public bool OnlyTopCall { get; init; }

    /// <summary>Collect the logs each frame emitted (dropped again for frames that failed or whose caller failed).</summary>
    public bool WithLog { get; init; }

    /// <summary>Server-side bound on the bytes the frames hold (not a geth option); 0 = none. Past it the trace stops
    /// with <see cref="TraceTooLargeException"/>.</summary>
    public long MaxResultBytes { get; init; }

    public static CallTracerOptions Parse(JsonElement? config)
    {
        if (TraceConfigReader.Object(config) is not { } c) return new CallTracerOptions();
        return new CallTracerOptions
        {
            OnlyTopCall = TraceConfigReader.Bool(c, "onlyTopCall"),
            WithLog = TraceConfigReader.Bool(c, "withLog"),
        };
    }
}
