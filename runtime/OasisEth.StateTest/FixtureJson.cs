using System.Text.Json;

namespace OasisEth.StateTest;

/// <summary>
/// Opening a conformance fixture file, shared by the state-test and transaction-test loaders: read the bytes,
/// parse the JSON, require a top-level object of tests. Bad input is an error string, never an exception.
/// </summary>
public static class FixtureJson
{
    /// <summary>The parsed document (caller disposes), or null and why not.</summary>
    public static JsonDocument? TryOpen(string path, int maxDepth, out string? error)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = "cannot read file: " + e.Message;
            return null;
        }
        return TryParse(bytes, maxDepth, out error);
    }

    /// <summary>Parses <paramref name="json"/>; the top level must be an object (test name to test).</summary>
    public static JsonDocument? TryParse(ReadOnlySpan<byte> json, int maxDepth, out string? error)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
            if (!JsonDocument.TryParseValue(ref reader, out JsonDocument? parsed)) throw new JsonException("empty document");
            document = parsed;
        }
        catch (JsonException e)
        {
            error = "malformed JSON: " + e.Message;
            return null;
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            error = $"malformed fixture: the top level is {document.RootElement.ValueKind}, expected an object of tests";
            document.Dispose();
            return null;
        }
        error = null;
        return document;
    }
}
