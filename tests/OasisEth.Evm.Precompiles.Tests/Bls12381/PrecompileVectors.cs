using System.Text.Json;
using OasisEth.Tests.Shared;

namespace OasisEth.Evm.Precompiles.Tests.Bls12381;

/// <summary>One precompile vector in go-ethereum's JSON layout (Input/Expected/Gas or Input/ExpectedError).</summary>
public sealed record PrecompileVector(string File, string Name, string Input, string? Expected, long? Gas)
{
    public override string ToString() => $"{File}:{Name}";

    /// <summary>Reads a vector file kept beside the test sources (found by walking up from the test binaries).</summary>
    public static IEnumerable<PrecompileVector> Load(string folder, string file)
    {
        string path = Path.Combine(SharedFixtures.FindAbove("tests", "OasisEth.Evm.Precompiles.Tests", folder), file);
        using JsonDocument doc = JsonDocument.Parse(System.IO.File.ReadAllText(path));
        foreach (JsonElement e in doc.RootElement.EnumerateArray())
        {
            string? expected = e.TryGetProperty("Expected", out JsonElement x) ? x.GetString() : null;
            long? gas = e.TryGetProperty("Gas", out JsonElement g) ? g.GetInt64() : null;
            yield return new PrecompileVector(file, e.GetProperty("Name").GetString()!, e.GetProperty("Input").GetString()!, expected, gas);
        }
    }
}
