using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OasisEth.Evm.Tracing;
using OasisEth.Primitives;

namespace OasisEth.Tracing.Tests;

/// <summary>The shared <see cref="EvmTestHost"/> (Cancun, gas price 0, a 30M block) with the JSON helpers of the tracer tests.</summary>
internal sealed class TraceHost : EvmTestHost
{
    public TraceHost() => BlockGasLimit = 30_000_000;

    /// <summary>Runs the transaction with <paramref name="tracer"/> and returns its result JSON.</summary>
    public string Trace(IJsonTracer tracer, Address? to, byte[]? data = null, ulong gas = 100_000, ulong value = 0)
    {
        var result = Run(tracer, to, data, gas, value);
        Assert.That(result.IsInvalid, Is.False, result.InvalidReason);
        return Json(tracer);
    }

    public static string Json(IJsonTracer tracer)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) tracer.WriteResult(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Compact, field order kept, escapes normalised: so two JSON texts compare equal when their values and orders are.</summary>
    public static string Normalize(string json) => JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static void AssertJson(string actual, string expected) => Assert.That(Normalize(actual), Is.EqualTo(Normalize(expected)));

    public static string Word(ulong value) => "0x" + value.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);

    public static string Hex(byte[] bytes) => "0x" + Convert.ToHexStringLower(bytes);
}
