using System.Buffers;
using System.Text;
using System.Text.Json;
using OasisEth.Primitives;

namespace OasisEth.TxTest;

/// <summary>The outcome of one (test, fork) entry, or of a test or file that could not be read (then <see cref="Fork"/> is empty).</summary>
public sealed class TxCaseResult
{
    public required string File { get; init; }
    public required string Name { get; init; }
    /// <summary>The fork key as the fixture writes it.</summary>
    public string Fork { get; init; } = "";
    public bool Pass { get; init; }
    /// <summary>Our transaction hash and sender; null when decoding failed.</summary>
    public Hash256? Hash { get; init; }
    public Address? Sender { get; init; }
    /// <summary>Our intrinsic gas; null when decoding failed before it could be computed.</summary>
    public long? IntrinsicGas { get; init; }
    /// <summary>Why the case failed; for a passing rejection, the reason we rejected the transaction.</summary>
    public string? Error { get; init; }
    /// <summary>The fixture's exception name(s) when it expects a rejection.</summary>
    public string? ExpectedException { get; init; }

    public static TxCaseResult Broken(string file, string name, string error) =>
        new() { File = file, Name = name, Pass = false, Error = error };

    /// <summary>The result as one JSON line: <c>name, fork, pass, hash, sender, error</c>, then details.</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("name"u8, Name);
            json.WriteString("fork"u8, Fork);
            json.WriteBoolean("pass"u8, Pass);
            if (Hash is { } h) json.WriteString("hash"u8, h.ToString());
            else json.WriteNull("hash"u8);
            if (Sender is { } s) json.WriteString("sender"u8, s.ToString());
            else json.WriteNull("sender"u8);
            if (Error is null) json.WriteNull("error"u8);
            else json.WriteString("error"u8, Error);
            if (IntrinsicGas is { } g) json.WriteNumber("intrinsicGas"u8, g);
            if (ExpectedException is not null) json.WriteString("expectedException"u8, ExpectedException);
            json.WriteString("file"u8, File);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
