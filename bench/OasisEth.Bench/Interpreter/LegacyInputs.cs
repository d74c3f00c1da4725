using System.Text;
using OasisEth.Primitives;

namespace OasisEth.Bench.Interpreter;

/// <summary>
/// evmone's pre-submodule <c>*.inputs</c> files: records of three lines (label, input hex, expected output hex),
/// separated by blank lines. The input and output lines may themselves be blank (an empty input or an expected
/// empty output), so records are read line by line, not split at blank lines. <c>(NxHEX)</c> stands for HEX
/// repeated N times and may sit between plain hex; the <c>*.bin-runtime</c> files use the same shorthand, with
/// spaces around it (loop_with_many_jumpdests: <c>...0217 (24556x5b) 8101...</c>).
/// </summary>
public static class LegacyInputs
{
    public readonly record struct Entry(string Label, byte[] Input, byte[] ExpectedOutput);

    public static List<Entry> Parse(string text)
    {
        string[] lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var entries = new List<Entry>();
        int i = 0;
        while (i < lines.Length)
        {
            if (lines[i].Trim().Length == 0) { i++; continue; }
            string label = lines[i].Trim();
            string input = i + 1 < lines.Length ? lines[i + 1] : "";
            string output = i + 2 < lines.Length ? lines[i + 2] : "";
            entries.Add(new Entry(label, ExpandHex(input, label), ExpandHex(output, label)));
            i += 3;
        }
        return entries;
    }

    /// <summary>Decodes one line of hex that may contain <c>(NxHEX)</c> groups and spaces.</summary>
    public static byte[] ExpandHex(string line, string context)
    {
        var hex = new StringBuilder();
        ReadOnlySpan<char> rest = line.AsSpan().Trim();
        while (!rest.IsEmpty)
        {
            int open = rest.IndexOf('(');
            if (open < 0) { AppendHex(hex, rest); break; }
            AppendHex(hex, rest[..open]);
            int close = rest.IndexOf(')');
            int x = rest.IndexOf('x');
            if (close < open || x < open || x > close) throw new FormatException($"{context}: bad repetition in \"{line}\"");
            int count = int.Parse(rest[(open + 1)..x], System.Globalization.CultureInfo.InvariantCulture);
            ReadOnlySpan<char> unit = rest[(x + 1)..close];
            for (int k = 0; k < count; k++) hex.Append(unit);
            rest = rest[(close + 1)..];
        }
        return Hex.Decode(hex.ToString());
    }

    private static void AppendHex(StringBuilder hex, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsWhiteSpace(c)) hex.Append(c);
        }
    }
}
