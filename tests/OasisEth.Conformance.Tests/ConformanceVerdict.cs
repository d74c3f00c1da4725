using OasisEth.StateTest;

namespace OasisEth.Conformance.Tests;

/// <summary>
/// Judges a run against <c>known-failures.txt</c>: every failure must be listed, and every listed case that ran must
/// still fail (an exact id that now passes, or a prefix none of whose cases failed, is stale and must be deleted).
/// </summary>
internal sealed class ConformanceVerdict
{
    public int Total { get; private set; }
    public int Passed { get; private set; }
    public int KnownFailed { get; private set; }
    public List<CaseResult> Unexpected { get; } = [];
    public List<string> Stale { get; } = [];

    public bool Ok => Unexpected.Count == 0 && Stale.Count == 0;

    public static ConformanceVerdict Judge(IReadOnlyList<CaseResult> results, KnownFailures known)
    {
        var verdict = new ConformanceVerdict { Total = results.Count };
        // Per prefix: did it cover any case here, and did any of those fail?
        var prefixSeen = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (CaseResult r in results)
        {
            string? entry = known.Covering(r.Id);
            bool isPrefix = entry is not null && entry.EndsWith('*') && !known.Exact.Contains(r.Id);
            if (r.Pass)
            {
                verdict.Passed++;
                if (entry is not null && !isPrefix) verdict.Stale.Add(r.Id);
                else if (isPrefix) prefixSeen.TryAdd(entry!, false);
            }
            else if (entry is null)
            {
                verdict.Unexpected.Add(r);
            }
            else
            {
                verdict.KnownFailed++;
                if (isPrefix) prefixSeen[entry] = true;
            }
        }
        foreach (KeyValuePair<string, bool> p in prefixSeen)
        {
            if (!p.Value) verdict.Stale.Add(p.Key);
        }
        verdict.Stale.Sort(StringComparer.Ordinal);
        return verdict;
    }

    public string Describe(string what, int maxListed = 100)
    {
        var text = new System.Text.StringBuilder();
        text.Append($"{what}: {Total} cases, {Passed} passed, {KnownFailed} known failures, {Unexpected.Count} unexpected failures, {Stale.Count} stale known failures\n");
        if (Unexpected.Count > 0)
        {
            text.Append("Unexpected failures (fix them, or list their ids in tests/OasisEth.Conformance.Tests/known-failures.txt under a reason):\n");
            for (int i = 0; i < Unexpected.Count && i < maxListed; i++)
            {
                CaseResult r = Unexpected[i];
                text.Append("  ").Append(r.Id).Append("  ").Append(r.Error).Append('\n');
                foreach (string d in r.Diff) text.Append("      ").Append(d).Append('\n');
            }
            if (Unexpected.Count > maxListed) text.Append($"  ... and {Unexpected.Count - maxListed} more\n");
        }
        if (Stale.Count > 0)
        {
            text.Append("Listed in known-failures.txt but passing now (delete these lines):\n");
            foreach (string s in Stale) text.Append("  ").Append(s).Append('\n');
        }
        return text.ToString();
    }
}
