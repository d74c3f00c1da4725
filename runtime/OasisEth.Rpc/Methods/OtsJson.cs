using System.Text.Json;

namespace OasisEth.Rpc;

/// <summary>
/// Otterscan's objects are the usual block, transaction and receipt objects with a field added, dropped or cut
/// (transactionCount, no transactions, a 4-byte input, a receipt timestamp). Rather than a second copy of each
/// writer, the object is written once by <see cref="RpcObjects"/> and re-emitted with the edit; these answers are
/// per block or per page, never per instruction, so the extra parse does not matter.
/// </summary>
internal static class OtsJson
{
    /// <summary>Writes the object <paramref name="write"/> produces, leaving out the <paramref name="drop"/> field,
    /// cutting <paramref name="cut"/>'s hex data to <paramref name="cutBytes"/> bytes, then appending <paramref name="extra"/>.</summary>
    public static void Rewrite(Utf8JsonWriter w, Action<Utf8JsonWriter> write, string? drop = null, string? cut = null, int cutBytes = 4,
        Action<Utf8JsonWriter>? extra = null)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var inner = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = 256 })) write(inner);
        using JsonDocument doc = JsonDocument.Parse(buffer.WrittenMemory);
        w.WriteStartObject();
        foreach (JsonProperty property in doc.RootElement.EnumerateObject())
        {
            if (property.Name == drop) continue;
            if (property.Name == cut && property.Value.ValueKind == JsonValueKind.String)
            {
                string hex = property.Value.GetString()!;
                w.WriteString(property.Name, hex.Length > 2 + 2 * cutBytes ? hex[..(2 + 2 * cutBytes)] : hex);
                continue;
            }
            property.WriteTo(w);
        }
        extra?.Invoke(w);
        w.WriteEndObject();
    }
}
