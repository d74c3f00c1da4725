using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.StateTest;

/// <summary>A short, readable difference between our post state and EEST's expected <c>state</c>: the first thing to
/// read when a root does not match.</summary>
public static class StateDiff
{
    public const int MaxLines = 24;

    public static List<string> Compute(IReadOnlyList<InMemoryWorldState.AccountDump> ours, IReadOnlyList<PreAccount> expected)
    {
        var lines = new List<string>();
        var mine = new Dictionary<Address, InMemoryWorldState.AccountDump>(ours.Count);
        foreach (InMemoryWorldState.AccountDump a in ours) mine[a.Address] = a;
        var theirs = new Dictionary<Address, PreAccount>(expected.Count);
        foreach (PreAccount a in expected) theirs[a.Address] = a;

        // Both inputs are sorted by address, so walking them in that order keeps the output stable.
        foreach (PreAccount want in expected)
        {
            if (!mine.TryGetValue(want.Address, out InMemoryWorldState.AccountDump? got))
            {
                Add(lines, $"{want.Address}: missing (want nonce {want.Nonce}, balance {Eip3155Tracer.Quantity(want.Balance)})");
                continue;
            }
            if (got.Nonce != want.Nonce) Add(lines, $"{want.Address}: nonce {got.Nonce}, want {want.Nonce}");
            if (got.Balance != want.Balance) Add(lines, $"{want.Address}: balance {Eip3155Tracer.Quantity(got.Balance)}, want {Eip3155Tracer.Quantity(want.Balance)}");
            if (!got.Code.AsSpan().SequenceEqual(want.Code)) Add(lines, $"{want.Address}: code {Short(got.Code)}, want {Short(want.Code)}");
            CompareStorage(lines, want.Address, got.Storage, want.Storage);
        }
        foreach (InMemoryWorldState.AccountDump got in ours)
        {
            if (!theirs.ContainsKey(got.Address))
                Add(lines, $"{got.Address}: unexpected account (nonce {got.Nonce}, balance {Eip3155Tracer.Quantity(got.Balance)}, code {got.Code.Length} bytes, {got.Storage.Count} slots)");
        }
        if (lines.Count > MaxLines)
        {
            int more = lines.Count - MaxLines;
            lines.RemoveRange(MaxLines, more);
            lines.Add(more > MaxLines * 3 ? $"... and at least {more} more" : $"... and {more} more");
        }
        return lines;
    }

    private static void CompareStorage(List<string> lines, Address address,
        IReadOnlyList<KeyValuePair<UInt256, UInt256>> got, IReadOnlyList<KeyValuePair<UInt256, UInt256>> want)
    {
        var ours = new Dictionary<UInt256, UInt256>(got.Count);
        foreach (KeyValuePair<UInt256, UInt256> s in got) ours[s.Key] = s.Value;
        var theirs = new Dictionary<UInt256, UInt256>(want.Count);
        foreach (KeyValuePair<UInt256, UInt256> s in want)
        {
            if (s.Value.IsZero) continue; // fixtures may list zero slots; they do not exist in the trie
            theirs[s.Key] = s.Value;
            ours.TryGetValue(s.Key, out UInt256 mine);
            if (mine != s.Value)
                Add(lines, $"{address} [{Eip3155Tracer.Quantity(s.Key)}]: {Eip3155Tracer.Quantity(mine)}, want {Eip3155Tracer.Quantity(s.Value)}");
        }
        foreach (KeyValuePair<UInt256, UInt256> s in got)
        {
            if (!theirs.ContainsKey(s.Key))
                Add(lines, $"{address} [{Eip3155Tracer.Quantity(s.Key)}]: {Eip3155Tracer.Quantity(s.Value)}, want 0x0");
        }
    }

    private static void Add(List<string> lines, string line)
    {
        // Collect one past the limit so the caller can say how many were cut.
        if (lines.Count <= MaxLines * 4) lines.Add(line);
    }

    private static string Short(byte[] code) => code.Length <= 16 ? Hex.EncodePrefixed(code) : $"{Hex.EncodePrefixed(code.AsSpan(0, 16))}... ({code.Length} bytes)";
}
