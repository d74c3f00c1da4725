using System.Globalization;
using System.Text.Json;
using OasisEth.Primitives;
using OasisEth.StateTest;

namespace OasisEth.TxTest;

/// <summary>
/// Reads TransactionTests-format files (<c>{name: {txbytes, result: {fork: {...}}}}</c>) with <see cref="JsonDocument"/>.
/// A file that cannot be read or parsed yields a <see cref="TxTestFile.FileError"/>, a malformed test a
/// <see cref="TxTestFile.TestErrors"/> entry; nothing here throws for bad input.
/// </summary>
public static class TxTestLoader
{
    public static TxTestFile LoadFile(string path, string displayName)
    {
        using JsonDocument? document = FixtureJson.TryOpen(path, MaxDepth, out string? error);
        return document is null ? new TxTestFile { File = displayName, FileError = error } : Parse(document, displayName);
    }

    public static TxTestFile Parse(ReadOnlySpan<byte> json, string displayName)
    {
        using JsonDocument? document = FixtureJson.TryParse(json, MaxDepth, out string? error);
        return document is null ? new TxTestFile { File = displayName, FileError = error } : Parse(document, displayName);
    }

    private const int MaxDepth = 64;

    private static TxTestFile Parse(JsonDocument document, string displayName)
    {
        var file = new TxTestFile { File = displayName };
        foreach (JsonProperty test in document.RootElement.EnumerateObject())
        {
            if (TryParseTest(test.Name, test.Value, out TxTestFixture? fixture, out string? error)) file.Tests.Add(fixture!);
            else file.TestErrors.Add((test.Name, "malformed fixture: " + error));
        }
        return file;
    }

    private static bool TryParseTest(string name, JsonElement test, out TxTestFixture? fixture, out string? error)
    {
        fixture = null;
        if (test.ValueKind != JsonValueKind.Object) return Fail($"test is {test.ValueKind}, expected an object", out error);
        if (!TryGetString(test, "txbytes", out string? txHex)) return Fail("txbytes is missing or not a string", out error);
        if (!TryBytes(txHex!, out byte[] txBytes)) return Fail("txbytes is not even-length 0x-prefixed hex", out error);
        if (!test.TryGetProperty("result", out JsonElement result) || result.ValueKind != JsonValueKind.Object)
            return Fail("result is missing or not an object", out error);

        var results = new List<TxExpectation>();
        foreach (JsonProperty fork in result.EnumerateObject())
        {
            JsonElement r = fork.Value;
            string at = "result." + fork.Name;
            if (r.ValueKind != JsonValueKind.Object) return Fail($"{at} is {r.ValueKind}, expected an object", out error);

            Hash256? hash = null;
            Address? sender = null;
            ulong? intrinsic = null;
            string? exception = null;
            if (TryGetString(r, "exception", out string? ex)) exception = ex;
            if (TryGetString(r, "hash", out string? h))
            {
                if (!TryBytes(h!, out byte[] hb) || hb.Length != Hash256.Size) return Fail($"{at}.hash is not a 32-byte hex string", out error);
                hash = new Hash256(hb);
            }
            if (TryGetString(r, "sender", out string? s))
            {
                if (!TryBytes(s!, out byte[] sb) || sb.Length != Address.Size) return Fail($"{at}.sender is not a 20-byte hex string", out error);
                sender = new Address(sb);
            }
            if (TryGetString(r, "intrinsicGas", out string? g))
            {
                if (!TryQuantity(g!, out ulong gas)) return Fail($"{at}.intrinsicGas is not a 64-bit hex number", out error);
                intrinsic = gas;
            }
            if (exception is null && (hash is null || sender is null))
                return Fail($"{at} has neither an exception nor both hash and sender", out error);
            results.Add(new TxExpectation { ForkName = fork.Name, Hash = hash, Sender = sender, IntrinsicGas = intrinsic, Exception = exception });
        }
        fixture = new TxTestFixture { Name = name, TxBytes = txBytes, Results = results };
        error = null;
        return true;
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }

    private static bool TryGetString(JsonElement obj, string name, out string? value)
    {
        value = null;
        if (!obj.TryGetProperty(name, out JsonElement e) || e.ValueKind != JsonValueKind.String) return false;
        value = e.GetString();
        return value is not null;
    }

    /// <summary>Fixture hex: "0x" then an even number of digits (an odd count would make the bytes ambiguous).</summary>
    private static bool TryBytes(string hex, out byte[] bytes)
    {
        bytes = [];
        if (!hex.StartsWith("0x", StringComparison.Ordinal) || (hex.Length & 1) != 0) return false;
        return Hex.TryDecode(hex.AsSpan(2), out bytes);
    }

    private static bool TryQuantity(string hex, out ulong value)
    {
        value = 0;
        if (!hex.StartsWith("0x", StringComparison.Ordinal) || hex.Length == 2 || hex.Length > 18) return false;
        return ulong.TryParse(hex.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
