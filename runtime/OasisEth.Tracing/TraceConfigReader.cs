using System.Text.Json;

namespace OasisEth.Tracing;

/// <summary>Reads tracer options from a JSON object the way geth's decoder does: names case-insensitive, unknown
/// fields ignored, null or absent config meaning defaults; wrong types are errors, never silently defaults.</summary>
internal static class TraceConfigReader
{
    /// <summary>The config object, or null for "use defaults".</summary>
    public static JsonElement? Object(JsonElement? config)
    {
        if (config is not { } c || c.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return null;
        if (c.ValueKind != JsonValueKind.Object) throw new ArgumentException("tracer config must be a JSON object", nameof(config));
        return c;
    }

    public static bool Bool(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var value)) return false;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            _ => throw new ArgumentException($"tracer config: {name} must be a boolean"),
        };
    }

    public static int NonNegativeInt(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var value) || value.ValueKind == JsonValueKind.Null) return 0;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int n) || n < 0)
            throw new ArgumentException($"tracer config: {name} must be a non-negative integer");
        return n;
    }

    private static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        // The last match wins, as with Go's decoder when a name appears twice.
        bool found = false;
        value = default;
        foreach (var property in obj.EnumerateObject())
        {
            if (!string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) continue;
            value = property.Value;
            found = true;
        }
        return found;
    }
}
