using System.Text;

namespace OasisEth.Mkvs.Tests;

internal static class TestData
{
    public static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    /// <summary>oasis-core's generateKeyValuePairsEx("", n): "key i" → "value i".</summary>
    public static List<KeyValuePair<byte[], byte[]>> KeyValues(int count)
    {
        var list = new List<KeyValuePair<byte[], byte[]>>(count);
        for (int i = 0; i < count; i++) list.Add(new(Ascii($"key {i}"), Ascii($"value {i}")));
        return list;
    }

    public const string LongKey = "Unlock the potential of your data without compromising security or privacy";
    public const string LongValue = "The platform that puts data privacy first. From sharing medical records, to analyzing personal " +
        "financial information, to training machine learning models, the Oasis platform supports applications that use even " +
        "the most sensitive data without compromising privacy or performance.";

    public static MkvsTree TreeOf(IEnumerable<KeyValuePair<byte[], byte[]>> entries)
    {
        var tree = new MkvsTree();
        foreach (var e in entries) tree.Insert(e.Key, e.Value);
        tree.Commit();
        return tree;
    }
}
