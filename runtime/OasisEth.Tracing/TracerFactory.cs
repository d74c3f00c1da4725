using System.Text.Json;

namespace OasisEth.Tracing;

/// <summary>Builds the tracer a <c>debug_trace*</c> request names.</summary>
public static class TracerFactory
{
    public const string CallTracerName = "callTracer";

    /// <summary>
    /// <paramref name="tracerName"/> null: the struct logger, configured from <paramref name="config"/> = the request's
    /// trace options object (<c>disableStack</c>, <c>disableStorage</c>, <c>enableMemory</c>, <c>enableReturnData</c>,
    /// <c>limit</c>). <c>"callTracer"</c>: configured from <paramref name="config"/> = the request's <c>tracerConfig</c>
    /// (<c>onlyTopCall</c>, <c>withLog</c>). Field names match case-insensitively and unknown fields are ignored, as
    /// geth's JSON decoding does.
    /// </summary>
    /// <exception cref="ArgumentException">"tracer not found" for any other name; a clear message for a malformed option.</exception>
    public static IJsonTracer Create(string? tracerName, JsonElement? config) => tracerName switch
    {
        null => new StructLogger(StructLoggerOptions.Parse(config)),
        CallTracerName => new CallTracer(CallTracerOptions.Parse(config)),
        _ => throw new ArgumentException("tracer not found", nameof(tracerName)),
    };
}
