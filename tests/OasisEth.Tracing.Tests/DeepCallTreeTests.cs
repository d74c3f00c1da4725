using System.Text.Json;
using static OasisEth.Tests.Shared.EvmTestHost;
using static OasisEth.Tracing.Tests.TraceHost;

namespace OasisEth.Tracing.Tests;

/// <summary>The deepest call tree the EVM allows renders: 1,025 nested frames (depths 0 to 1024) with a precompile
/// call in every contract frame that can still call. The JSON writer's default depth (1000) stopped at ~500.</summary>
public class DeepCallTreeTests
{
    /// <summary>Calls the identity precompile, then itself, ignoring both results; stops when the depth limit refuses.</summary>
    private static readonly byte[] RecurseWithPrecompile =
    [
        0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x60, 0x04, 0x5a, 0xf1, 0x50, // CALL(gas, 0x04, 0, 0, 0, 0, 0); POP
        0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x30, 0x5a, 0xf1, 0x50,       // CALL(gas, ADDRESS, 0, 0, 0, 0, 0); POP
        0x00,
    ];

    [Test]
    public void CallTracer_renders_the_full_1024_deep_tree_with_precompile_calls()
    {
        // (63/64)^1024 of the gas reaches the bottom: ~10^12 leaves the deepest frame a few hundred thousand.
        var host = new TraceHost { BlockGasLimit = 1_000_000_000_000 };
        host.Deploy(A, RecurseWithPrecompile);
        var tracer = new CallTracer(new CallTracerOptions());
        Assert.That(host.Run(tracer, A, gas: 1_000_000_000_000).IsInvalid, Is.False);

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, TraceWriter.Options)) tracer.WriteResult(writer);
        using JsonDocument doc = JsonDocument.Parse(stream.ToArray(), new JsonDocumentOptions { MaxDepth = TraceWriter.MaxDepth });

        int contractFrames = 1, precompileFrames = 0;
        JsonElement frame = doc.RootElement;
        while (frame.TryGetProperty("calls", out JsonElement calls))
        {
            JsonElement next = default;
            foreach (JsonElement call in calls.EnumerateArray())
            {
                string to = call.GetProperty("to").GetString()!;
                if (to == "0x0000000000000000000000000000000000000004") precompileFrames++;
                else next = call;
            }
            if (next.ValueKind != JsonValueKind.Object) break;
            contractFrames++;
            frame = next;
        }
        // Depths 0 to 1024 ran; the deepest frame's two calls are refused and recorded as failed frames (geth too).
        Assert.That(contractFrames, Is.EqualTo(1026), "depths 0 to 1024 plus the refused call");
        Assert.That(frame.GetProperty("error").GetString(), Is.EqualTo("max call depth exceeded"));
        Assert.That(precompileFrames, Is.EqualTo(1025), "one per contract frame that ran");
    }
}
