using NUnit.Framework;
using OasisEth.StateTest;
using OasisEth.Tests.Shared;

namespace OasisEth.Conformance.Tests;

/// <summary>The known-failures list and how a run is judged against it; and that the checked-in list only names cases
/// that exist, in fixtures that all parse.</summary>
[TestFixture]
public class KnownFailuresTests
{
    private static CaseResult Result(string id, bool pass) =>
        new() { Id = id, File = "f.json", Name = "t", Fork = "Cancun", Pass = pass, Error = pass ? null : "state root mismatch" };

    [Test]
    public void ParsesIdsPrefixesAndComments()
    {
        KnownFailures known = KnownFailures.Parse(["# needs BN254 (issue 6)", "", "  a::b::Cancun::d0g0v0  ", "dir/x.json::*", "# another"]);
        Assert.That(known.Exact, Is.EquivalentTo(new[] { "a::b::Cancun::d0g0v0" }));
        Assert.That(known.Prefixes, Is.EqualTo(new[] { "dir/x.json::" }));
        Assert.That(known.Covering("dir/x.json::t::Prague::d0g0v0"), Is.EqualTo("dir/x.json::*"));
        Assert.That(known.Covering("dir/y.json::t::Prague::d0g0v0"), Is.Null);
    }

    [Test]
    public void UnlistedFailureFails()
    {
        ConformanceVerdict v = ConformanceVerdict.Judge([Result("a", true), Result("b", false)], KnownFailures.Parse([]));
        Assert.That(v.Ok, Is.False);
        Assert.That(v.Unexpected.Select(r => r.Id), Is.EqualTo(new[] { "b" }));
        Assert.That(v.Describe("dir"), Does.Contain("b  state root mismatch"));
    }

    [Test]
    public void ListedFailureIsAccepted()
    {
        ConformanceVerdict v = ConformanceVerdict.Judge([Result("a", true), Result("b", false), Result("p1", false)], KnownFailures.Parse(["b", "p*"]));
        Assert.That(v.Ok, Is.True, v.Describe("dir"));
        Assert.That(v.KnownFailed, Is.EqualTo(2));
    }

    [Test]
    public void ListedCaseThatPassesIsStale()
    {
        ConformanceVerdict v = ConformanceVerdict.Judge([Result("a", true), Result("p1", true), Result("p2", true), Result("q1", true), Result("q2", false)],
            KnownFailures.Parse(["a", "p*", "q*", "z"]));
        Assert.That(v.Ok, Is.False);
        Assert.That(v.Stale, Is.EqualTo(new[] { "a", "p*" }), "a prefix is stale only when none of its cases fails; unrun entries are not judged here");
        Assert.That(v.Describe("dir"), Does.Contain("passing now"));
    }

    /// <summary>All shared state-test fixtures parse (no file or test errors), and every known-failures line names a case
    /// that exists, so a typo cannot hide a failure.</summary>
    [Test]
    public void SharedFixturesParseAndKnownFailuresNameRealCases()
    {
        string root = SharedFixtures.Conformance;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (string suite in new[] { ConformanceSuites.GeneralStateTests, ConformanceSuites.Eest, ConformanceSuites.Legacy })
        {
            foreach (FixturePath path in FixturePath.Discover(Path.Combine(root, suite)))
            {
                FixtureFile file = FixtureLoader.LoadFile(path.FullPath, path.DisplayName);
                if (file.FileError is not null) errors.Add($"{file.File}: {file.FileError}");
                foreach (KeyValuePair<string, string> e in file.TestErrors) errors.Add($"{file.File}::{e.Key}: {e.Value}");
                foreach (StateTestFixture t in file.Tests)
                {
                    foreach (PostEntry p in t.Post) ids.Add(p.CaseId);
                }
            }
        }
        Assert.That(errors, Is.Empty);
        Assert.That(ids, Has.Count.GreaterThan(80_000), "the shared fixtures hold about 83,000 state-test cases");

        KnownFailures known = KnownFailures.Load();
        var unknown = new List<string>();
        foreach (string id in known.Exact)
        {
            if (!ids.Contains(id)) unknown.Add(id);
        }
        foreach (string prefix in known.Prefixes)
        {
            bool any = false;
            foreach (string id in ids)
            {
                if (id.StartsWith(prefix, StringComparison.Ordinal)) { any = true; break; }
            }
            if (!any) unknown.Add(prefix + "*");
        }
        Assert.That(unknown, Is.Empty, "known-failures.txt names cases that do not exist");
    }
}
