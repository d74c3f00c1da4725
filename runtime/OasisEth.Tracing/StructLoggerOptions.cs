using System.Text.Json;

namespace OasisEth.Tracing;

/// <summary>geth's struct-logger options (the top level of a <c>debug_trace*</c> options object).</summary>
public sealed record StructLoggerOptions
{
    public bool DisableStack { get; init; }
    public bool DisableStorage { get; init; }
    public bool EnableMemory { get; init; }
    public bool EnableReturnData { get; init; }

    /// <summary>At most this many struct logs are kept (later steps are still executed, not recorded); 0 = no limit.</summary>
    public int Limit { get; init; }

    /// <summary>Server-side bound on the result's bytes (not a geth option); 0 = none. Past it the trace stops with
    /// <see cref="TraceTooLargeException"/>.</summary>
    public long MaxResultBytes { get; init; }

    public static StructLoggerOptions Parse(JsonElement? config)
    {
        if (TraceConfigReader.Object(config) is not { } c) return new StructLoggerOptions();
        return new StructLoggerOptions
        {
            DisableStack = TraceConfigReader.Bool(c, "disableStack"),
            DisableStorage = TraceConfigReader.Bool(c, "disableStorage"),
            EnableMemory = TraceConfigReader.Bool(c, "enableMemory"),
            EnableReturnData = TraceConfigReader.Bool(c, "enableReturnData"),
            Limit = TraceConfigReader.NonNegativeInt(c, "limit"),
        };
    }
}
