using System.Buffers;
using System.Text;
using System.Text.Json;
using OasisEth.Primitives;

namespace OasisEth.StateTest;

/// <summary>The outcome of one state-test case (test, fork, data/gas/value index), or of a test or file that could not
/// be run at all (then <see cref="Fork"/> is empty and the index is -1).</summary>
public sealed class CaseResult
{
    /// <summary>Stable id, <c>file::test::fork::dNgNvN</c>: what <c>known-failures.txt</c> lists.</summary>
    public required string Id { get; init; }
    public required string File { get; init; }
    /// <summary>The test name (the key in the fixture file).</summary>
    public required string Name { get; init; }
    /// <summary>The fork key as the fixture writes it.</summary>
    public string Fork { get; init; } = "";
    public int DataIndex { get; init; } = -1;
    public int GasIndex { get; init; } = -1;
    public int ValueIndex { get; init; } = -1;
    public bool Pass { get; init; }
    /// <summary>Our state root; null when the case did not get that far.</summary>
    public Hash256? StateRoot { get; init; }
    public Hash256? ExpectedRoot { get; init; }
    public Hash256? LogsHash { get; init; }
    public Hash256? ExpectedLogs { get; init; }
    /// <summary>Why the case failed; for a passing case, the expected rejection reason we produced, if any.</summary>
    public string? Error { get; init; }
    /// <summary>For failures with an EEST post <c>state</c>: how our post state differs from it.</summary>
    public IReadOnlyList<string> Diff { get; init; } = [];

    public static CaseResult Broken(string id, string file, string name, string error) =>
        new() { Id = id, File = file, Name = name, Pass = false, Error = error };

    /// <summary>The result as one JSON line (the <c>statetest</c> command's output).</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("name"u8, Name);
            json.WriteBoolean("pass"u8, Pass);
            json.WriteString("fork"u8, Fork);
            if (DataIndex >= 0)
            {
                json.WriteStartObject("index"u8);
                json.WriteNumber("data"u8, DataIndex);
                json.WriteNumber("gas"u8, GasIndex);
                json.WriteNumber("value"u8, ValueIndex);
                json.WriteEndObject();
            }
            WriteHash(json, "stateRoot"u8, StateRoot);
            if (Error is null) json.WriteNull("error"u8);
            else json.WriteString("error"u8, Error);
            if (!Pass)
            {
                WriteHash(json, "expectedRoot"u8, ExpectedRoot);
                WriteHash(json, "logsHash"u8, LogsHash);
                WriteHash(json, "expectedLogs"u8, ExpectedLogs);
                if (Diff.Count > 0)
                {
                    json.WriteStartArray("diff"u8);
                    foreach (string line in Diff) json.WriteStringValue(line);
                    json.WriteEndArray();
                }
            }
            json.WriteString("id"u8, Id);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteHash(Utf8JsonWriter json, ReadOnlySpan<byte> name, Hash256? hash)
    {
        if (hash is { } h) json.WriteString(name, h.ToString());
        else json.WriteNull(name);
    }
}
