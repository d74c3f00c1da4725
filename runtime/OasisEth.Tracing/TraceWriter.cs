using System.Text.Json;

namespace OasisEth.Tracing;

/// <summary>How a tracer's result must be written: <see cref="Utf8JsonWriter"/>'s default depth limit (1000) is
/// below what a call tree reaches. A callTracer frame nests two levels (the frame object and its "calls" array), the
/// EVM allows 1025 nested frames (depths 0 to 1024) plus a precompile call below the deepest contract frame, and a
/// log adds three (logs array, log object, topics) : about 2,060 levels. Writers given a tracer's result use these
/// options.</summary>
public static class TraceWriter
{
    /// <summary>Nesting a trace result may need, with room to spare.</summary>
    public const int MaxDepth = 4096;

    public static readonly JsonWriterOptions Options = new() { MaxDepth = MaxDepth };
}
