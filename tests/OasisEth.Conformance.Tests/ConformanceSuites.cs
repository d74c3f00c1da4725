using System.Text.RegularExpressions;
using NUnit.Framework;
using OasisEth.Primitives;
using OasisEth.Tests.Shared;

namespace OasisEth.Conformance.Tests;

/// <summary>
/// The fixture directories the conformance tests run, one NUnit test each (a test per case would be ~80,000
/// tests). Which forks each suite runs follows the fixtures' README: GeneralStateTests (Cancun mainly) and EEST
/// (Prague mainly) in full; LegacyTests for Istanbul through Shanghai, whose Cancun copies duplicate
/// GeneralStateTests, and its few older-fork entries as one separate test.
/// </summary>
public static partial class ConformanceSuites
{
    public const string GeneralStateTests = "GeneralStateTests";
    public const string Eest = "EEST/state_tests";
    public const string Legacy = "LegacyTests/Cancun/GeneralStateTests";
    public const string Ewasm = "Ewasm/GeneralStateTests";

    public const string AllForks = "all forks";
    public const string IstanbulToShanghai = "Istanbul..Shanghai";
    public const string BeforeIstanbul = "Frontier..ConstantinopleFix";

    /// <summary>Marks the single failing case produced when shared/ cannot be found, so the absence is loud, not silent.</summary>
    public const string Missing = "<shared conformance fixtures not found>";

    public static Func<Fork, bool>? Forks(string range) => range switch
    {
        AllForks => null,
        IstanbulToShanghai => static f => f >= Fork.Istanbul && f <= Fork.Shanghai,
        BeforeIstanbul => static f => f < Fork.Istanbul,
        _ => throw new ArgumentException("unknown fork range " + range, nameof(range)),
    };

    public static IEnumerable<TestCaseData> GeneralStateTestDirectories() => Directories(GeneralStateTests, AllForks, null);

    public static IEnumerable<TestCaseData> EestDirectories() => Directories(Eest, AllForks, null);

    public static IEnumerable<TestCaseData> LegacyDirectories() => Directories(Legacy, IstanbulToShanghai, IstanbulToShanghaiKey());

    private static IEnumerable<TestCaseData> Directories(string suite, string forks, Regex? mustContain)
    {
        string? root = SharedFixtures.ConformanceOrNull;
        if (root is null || !Directory.Exists(Path.Combine(root, suite)))
        {
            yield return new TestCaseData(Missing, forks).SetName($"{suite} ({Missing})");
            yield break;
        }
        var dirs = new List<string>();
        string suiteRoot = Path.Combine(root, suite);
        foreach (string dir in Directory.EnumerateDirectories(suiteRoot, "*", SearchOption.AllDirectories).Prepend(suiteRoot))
        {
            string[] files = Directory.GetFiles(dir, "*.json", SearchOption.TopDirectoryOnly);
            if (files.Length == 0) continue;
            // LegacyTests folders holding only Cancun entries (EIP-1153/5656 tests) have nothing for this range.
            if (mustContain is not null && !Array.Exists(files, f => mustContain.IsMatch(File.ReadAllText(f)))) continue;
            dirs.Add(Path.GetRelativePath(root, dir).Replace('\\', '/'));
        }
        dirs.Sort(StringComparer.Ordinal);
        foreach (string dir in dirs) yield return new TestCaseData(dir, forks).SetName($"{dir} [{forks}]");
    }

    [GeneratedRegex("\"(Istanbul|Berlin|London|Paris|Shanghai)\"\\s*:\\s*\\[")]
    private static partial Regex IstanbulToShanghaiKey();
}
