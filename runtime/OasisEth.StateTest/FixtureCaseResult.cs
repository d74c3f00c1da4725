using System.Buffers;
using System.Text;
using System.Text.Json;
using OasisEth.Primitives;

namespace OasisEth.StateTest;

/// <summary>
/// What the fixture runners' results share (<see cref="CaseResult"/> for <c>statetest</c>, <c>TxCaseResult</c> for
/// <c>txtest</c>): the case's file, test name and fork, the verdict and the error, and the one-JSON-line output.
/// </summary>
public abstract class FixtureCaseResult
{
    /// <summary>The fixture file's display name (<see cref="FixturePath.DisplayName"/>).</summary>
    public required string File { get; init; }
    /// <summary>The test name (the key in the fixture file).</summary>
    public required string Name { get; init; }
    /// <summary>The fork key as the fixture writes it; empty for a test or file that could not be run at all.</summary>
    public string Fork { get; init; } = "";
    public bool Pass { get; init; }
    /// <summary>Why the case failed; for a passing case, the expected rejection reason we produced, if any.</summary>
    public string? Error { get; init; }

    /// <summary>The result as one JSON line (the command's output); the fields and their order are the runner's.</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteFields(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the result's fields inside its JSON object.</summary>
    protected abstract void WriteFields(Utf8JsonWriter json);

    protected static void WriteHash(Utf8JsonWriter json, ReadOnlySpan<byte> name, Hash256? hash)
    {
        if (hash is { } h) json.WriteString(name, h.ToString());
        else json.WriteNull(name);
    }

    protected static void WriteError(Utf8JsonWriter json, string? error)
    {
        if (error is null) json.WriteNull("error"u8);
        else json.WriteString("error"u8, error);
    }
}
