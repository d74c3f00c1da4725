using System.Text.Json;
using OasisEth.Primitives;

namespace OasisEth.StateTest;

/// <summary>The outcome of one state-test case (test, fork, data/gas/value index), or of a test or file that could not
/// be run at all (then <see cref="Fork"/> is empty and the index is -1).</summary>
public sealed class CaseResult : FixtureCaseResult
{
    /// <summary>Stable id, <c>file::test::fork::dNgNvN</c>: what <c>known-failures.txt</c> lists.</summary>
    public required string Id { get; init; }
    public int DataIndex { get; init; } = -1;
    public int GasIndex { get; init; } = -1;
    public int ValueIndex { get; init; } = -1;
    /// <summary>Our state root; null when the case did not get that far.</summary>
    public Hash256? StateRoot { get; init; }
    public Hash256? ExpectedRoot { get; init; }
    public Hash256? LogsHash { get; init; }
    public Hash256? ExpectedLogs { get; init; }
    /// <summary>For failures with an EEST post <c>state</c>: how our post state differs from it.</summary>
    public IReadOnlyList<string> Diff { get; init; } = [];

    public static CaseResult Broken(string id, string file, string name, string error) =>
        new() { Id = id, File = file, Name = name, Pass = false, Error = error };

    /// <summary>name, pass, fork, index, stateRoot, error; for a failure the expected root and logs and the diff; id.</summary>
    protected override void WriteFields(Utf8JsonWriter json)
    {
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
        WriteError(json, Error);
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
    }
}
