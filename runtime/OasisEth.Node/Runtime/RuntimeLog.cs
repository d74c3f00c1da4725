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
        writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        writer.Flush();
    }
}
