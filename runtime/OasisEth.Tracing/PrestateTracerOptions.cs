using System.Text.Json;

namespace OasisEth.Tracing;

/// <summary>geth's prestateTracer options (a request's <c>tracerConfig</c>).</summary>
public sealed record PrestateTracerOptions
{
    /// <summary>Report what changed: <c>{pre, post}</c> with only modified accounts and slots, instead of everything touched.</summary>
    public bool DiffMode { get; init; }

    public bool DisableCode { get; init; }
    public bool DisableStorage { get; init; }

    public static PrestateTracerOptions Parse(JsonElement? config)
    {
        if (TraceConfigReader.Object(config) is not { } c) return new PrestateTracerOptions();
        return new PrestateTracerOptions
        {
            DiffMode = TraceConfigReader.Bool(c, "diffMode"),
            DisableCode = TraceConfigReader.Bool(c, "disableCode"),
            DisableStorage = TraceConfigReader.Bool(c, "disableStorage"),
        };
    }
}
