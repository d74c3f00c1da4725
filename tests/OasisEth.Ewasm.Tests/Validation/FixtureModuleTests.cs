using System.Text.Json;
using OasisEth.Tests.Shared;

namespace OasisEth.Ewasm.Tests.Validation;

/// <summary>
/// The validator against every Wasm module in the Ewasm state tests (pre-state code and transaction data): in the
/// tests about malformed contracts some module is refused (an import test for its import), in all others every
/// module is a valid contract, as the reference engine found when it filled them.
/// </summary>
[TestFixture]
public sealed class FixtureModuleTests
{
    private static IEnumerable<TestCaseData> Files() =>
        Directory.EnumerateFiles(SharedFixtures.Path("Ewasm", "GeneralStateTests", "stEWASMTests"), "*.json")
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetArgDisplayNames(Path.GetFileNameWithoutExtension(f)));

    /// <summary>Tests whose point is a bad contract; the bad module may sit inside another's data (returned by init
    /// code) or not start with the magic at all (then it is EVM code), so only the import tests name it directly.</summary>
    private static bool IsAboutMalformedModules(string name) =>
        name.StartsWith("malformed", StringComparison.Ordinal) || name.StartsWith("validateBytecode", StringComparison.Ordinal)
        || name.StartsWith("initMalformed", StringComparison.Ordinal) || name.StartsWith("storedMalformed", StringComparison.Ordinal);

    [TestCaseSource(nameof(Files))]
    public void Modules_are_judged_as_the_reference_engine_judged_them(string file)
    {
        string name = Path.GetFileNameWithoutExtension(file);
        List<(string Where, ContractCheck Check)> modules = Modules(file).ToList();
        if (name.StartsWith("malformedImport", StringComparison.Ordinal))
            Assert.That(modules.Where(m => !m.Check.IsValid).Select(m => m.Check.Error), Has.Some.Contain("imports"));
        else if (!IsAboutMalformedModules(name))
            foreach ((string where, ContractCheck check) in modules) Assert.That(check.Error, Is.Null, where);
    }

    private static IEnumerable<(string, ContractCheck)> Modules(string file)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(file));
        var found = new List<(string, ContractCheck)>();
        foreach (JsonProperty test in doc.RootElement.EnumerateObject())
        {
            foreach (JsonProperty account in test.Value.GetProperty("pre").EnumerateObject())
                Add(found, $"pre {account.Name}", account.Value.GetProperty("code").GetString()!);
            int i = 0;
            foreach (JsonElement data in test.Value.GetProperty("transaction").GetProperty("data").EnumerateArray())
                Add(found, $"data[{i++}]", data.GetString()!);
        }
        return found;
    }

    private static void Add(List<(string, ContractCheck)> found, string where, string hex)
    {
        byte[] code = Convert.FromHexString(hex.StartsWith("0x", StringComparison.Ordinal) ? hex[2..] : hex);
        if (ContractValidator.IsWasm(code)) found.Add((where, ContractValidator.Validate(code)));
    }
}
