using System.Text.Json;
using OasisEth.Primitives;

namespace OasisEth.Tracing;

/// <summary>Builds the tracer a <c>debug_trace*</c> request names.</summary>
public static class TracerFactory
{
    public const string CallTracerName = "callTracer";
    public const string PrestateTracerName = "prestateTracer";
    public const string FourByteTracerName = "4byteTracer";

    /// <summary>
    /// <paramref name="tracerName"/> null: the struct logger, configured from <paramref name="config"/> = the request's
    /// trace options object (<c>disableStack</c>, <c>disableStorage</c>, <c>enableMemory</c>, <c>enableReturnData</c>,
    /// <c>limit</c>). <c>"callTracer"</c>: configured from <paramref name="config"/> = the request's <c>tracerConfig</c>
    /// (<c>onlyTopCall</c>, <c>withLog</c>). Field names match case-insensitively and unknown fields are ignored, as
    /// geth's JSON decoding does.
    /// </summary>
    /// <exception cref="ArgumentException">"tracer not found" for any other name; a clear message for a malformed option.</exception>
    public static IJsonTracer Create(string? tracerName, JsonElement? config) => Create(tracerName, config, CancellationToken.None);

    /// <summary>As <see cref="Create(string?, JsonElement?)"/>, with a token the tracer checks while the transaction runs
    /// (a request timeout): cancelled, it throws <see cref="OperationCanceledException"/> out of the execution, so trace
    /// on a state you discard.</summary>
    public static IJsonTracer Create(string? tracerName, JsonElement? config, CancellationToken cancellation) =>
        Create(tracerName, config, cancellation, 0);

    /// <summary>As above, with a bound on the result's bytes (0 = none): past it the traced execution stops with
    /// <see cref="TraceTooLargeException"/>.</summary>
    public static IJsonTracer Create(string? tracerName, JsonElement? config, CancellationToken cancellation, long maxResultBytes) =>
        Create(tracerName, config, cancellation, maxResultBytes, Fork.Prague);

    /// <summary>As above, for a chain running <paramref name="fork"/> (the 4byteTracer skips that fork's precompiles).
    /// <c>"prestateTracer"</c> takes <c>diffMode</c>, <c>disableCode</c>, <c>disableStorage</c>; <c>"4byteTracer"</c> no options.</summary>
    public static IJsonTracer Create(string? tracerName, JsonElement? config, CancellationToken cancellation, long maxResultBytes, Fork fork) => tracerName switch
    {
        null => new StructLogger(StructLoggerOptions.Parse(config) with { MaxResultBytes = maxResultBytes }, cancellation),
        CallTracerName => new CallTracer(CallTracerOptions.Parse(config) with { MaxResultBytes = maxResultBytes }, cancellation),
        PrestateTracerName => new PrestateTracer(PrestateTracerOptions.Parse(config), cancellation),
        FourByteTracerName => new FourByteTracer(fork, cancellation),
        _ => throw new ArgumentException("tracer not found", nameof(tracerName)),
    };
}
