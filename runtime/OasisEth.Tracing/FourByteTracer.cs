using System.Globalization;
using System.Text.Json;
using OasisEth.Evm;
using OasisEth.Evm.Precompiles;
using OasisEth.Evm.Tracing;
using OasisEth.Primitives;

namespace OasisEth.Tracing;

/// <summary>
/// geth's <c>4byteTracer</c>: how often each function selector was called, keyed <c>"0x{selector}-{argument bytes}"</c>.
/// Counted: CALL, CALLCODE, DELEGATECALL and STATICCALL messages (the transaction's own included) with at least four
/// bytes of input, to anything but a precompile (geth's rule: a precompile's input has no selector). Creations and
/// SELFDESTRUCT are not calls.
/// </summary>
public sealed class FourByteTracer(Fork fork, CancellationToken cancellation = default) : IJsonTracer
{
    // Keys sorted ordinally, as Go writes a map's keys: the output is the same whatever order calls came in.
    private readonly SortedDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public TraceOptions Options => TraceOptions.Calls;

    public IReadOnlyDictionary<string, int> Counts => _counts;

    public void OnEnter(in CallFrameEnter frame)
    {
        cancellation.ThrowIfCancellationRequested();
        if (frame.Input.Length < 4 || frame.Type is TraceCallType.Create or TraceCallType.Create2 or TraceCallType.SelfDestruct) return;
        if (PrecompileSet.IsPrecompile(frame.To, fork)) return;
        string key = string.Create(CultureInfo.InvariantCulture, $"0x{Convert.ToHexStringLower(frame.Input[..4])}-{frame.Input.Length - 4}");
        _counts[key] = _counts.TryGetValue(key, out int n) ? n + 1 : 1;
    }

    public void OnStep(int pc, Opcode opcode, long gas, long gasCost, long memorySize, ReadOnlySpan<UInt256> stack, int depth, long refund) { }

    public void OnError(string error) { }

    public void OnTransactionEnd(ReadOnlySpan<byte> output, long gasUsed, string? error) { }

    public void WriteResult(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var (key, count) in _counts) writer.WriteNumber(key, count);
        writer.WriteEndObject();
    }
}
