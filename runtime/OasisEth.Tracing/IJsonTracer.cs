using System.Text.Json;
using OasisEth.Evm.Tracing;

namespace OasisEth.Tracing;

/// <summary>A tracer whose result is a JSON value, as <c>debug_traceTransaction</c> returns it.</summary>
public interface IJsonTracer : ITxTracer
{
    /// <summary>Writes the result as one JSON value (the RPC puts it in the response's <c>result</c>).</summary>
    void WriteResult(Utf8JsonWriter writer);
}
