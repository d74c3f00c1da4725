using OasisEth.Primitives.Rlp;

namespace OasisEth.Trie;

/// <summary>RLP [hex-prefix(path, leaf), value]: the rest of a key and its value.</summary>
internal sealed class LeafNode(byte[] path, byte[] value) : TrieNode
{
    public byte[] Path { get; } = path;
    public byte[] Value { get; set; } = value;

    protected override byte[] Encode()
    {
        int content = TrieEncoding.LengthOfPathItem(Path.Length) + Rlp.LengthOfBytes(Value);
        var rlp = new byte[Rlp.LengthOfList(content)];
        int pos = Rlp.WriteListHeader(rlp, content);
        pos += TrieEncoding.WritePathItem(rlp.AsSpan(pos), Path, isLeaf: true);
        Rlp.WriteBytes(rlp.AsSpan(pos), Value);
        return rlp;
    }
}
