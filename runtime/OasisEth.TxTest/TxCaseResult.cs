using System.Text.Json;
using OasisEth.Primitives;
using OasisEth.StateTest;

namespace OasisEth.TxTest;

/// <summary>The outcome of one (test, fork) entry, or of a test or file that could not be read (then <see cref="Fork"/> is empty).</summary>
public sealed class TxCaseResult : FixtureCaseResult
{
    /// <summary>Our transaction hash and sender; null when decoding failed.</summary>
    public Hash256? Hash { get; init; }
    public Address? Sender { get; init; }
    /// <summary>Our intrinsic gas; null when decoding failed before it could be computed.</summary>
    public long? IntrinsicGas { get; init; }
    /// <summary>The fixture's exception name(s) when it expects a rejection.</summary>
    public string? ExpectedException { get; init; }

    public static TxCaseResult Broken(string file, string name, string error) =>
        new() { File = file, Name = name, Pass = false, Error = error };

    /// <summary><c>name, fork, pass, hash, sender, error</c>, then details and the file.</summary>
    protected override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteString("name"u8, Name);
        json.WriteString("fork"u8, Fork);
        json.WriteBoolean("pass"u8, Pass);
        WriteHash(json, "hash"u8, Hash);
        if (Sender is { } s) json.WriteString("sender"u8, s.ToString());
        else json.WriteNull("sender"u8);
        WriteError(json, Error);
        if (IntrinsicGas is { } g) json.WriteNumber("intrinsicGas"u8, g);
        if (ExpectedException is not null) json.WriteString("expectedException"u8, ExpectedException);
        json.WriteString("file"u8, File);
    }
}
