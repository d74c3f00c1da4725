using OasisEth.Primitives.Rlp;

namespace OasisEth.Trie;

/// <summary>RLP [hex-prefix(path, extension), child reference]: a shared path above a branch.</summary>
internal sealed class ExtensionNode(byte[] path, TrieNode child) : TrieNode
{
    public byte[] Path { get; } = path;
    public TrieNode Child { get; set; } = child;

    protected override byte[] Encode()
    {
        byte[] child = Child.Reference;
        int content = TrieEncoding.LengthOfPathItem(Path.Length) + child.Length;
        var rlp = new byte[Rlp.LengthOfList(content)];
        int pos = Rlp.WriteListHeader(rlp, content);
        pos += TrieEncoding.WritePathItem(rlp.AsSpan(pos), Path, isLeaf: false);
        child.CopyTo(rlp, pos);
        return rlp;
    }
}
