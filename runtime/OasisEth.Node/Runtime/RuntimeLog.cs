using System.Text.Json;

namespace OasisEth.Node.Runtime;

/// <summary>
/// The runtime's log lines: oasis-node reads its runtime's stdout/stderr line by line as JSON objects with
/// <c>msg</c>, <c>level</c> (DEBG/INFO/WARN/ERRO) and <c>module</c> (rhp-spec §1.3); anything else it logs as a
/// warning. Lines stay far under its ~10,000-byte limit.
/// </summary>
internal static class RuntimeLog
{
    private const int MaxMessageChars = 4000;

    /// <summary>Rounds log from the batch thread while the handshake may log from another: one line at a time.</summary>
    private static readonly Lock Gate = new();

    public static void Write(TextWriter writer, string level, string message)
    {
        if (message.Length > MaxMessageChars) message = message[..MaxMessageChars] + "…";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("msg", message);
            json.WriteString("level", level);
            json.WriteString("module", "oasis-eth");
            json.WriteEndObject();
        }
        string line = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        lock (Gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
