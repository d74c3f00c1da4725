using OasisEth.Primitives.Rlp;

namespace OasisEth.Trie;

/// <summary>RLP [child 0..15, value]: an empty child or absent value is the empty string 0x80.</summary>
internal sealed class BranchNode : TrieNode
{
    public readonly TrieNode?[] Children = new TrieNode?[16];
    public byte[]? Value { get; set; }

    protected override byte[] Encode()
    {
        int content = Value is null ? 1 : Rlp.LengthOfBytes(Value);
        foreach (TrieNode? child in Children) content += child is null ? 1 : child.Reference.Length;

        var rlp = new byte[Rlp.LengthOfList(content)];
        int pos = Rlp.WriteListHeader(rlp, content);
        foreach (TrieNode? child in Children)
        {
            if (child is null)
            {
                rlp[pos++] = Rlp.EmptyString;
                continue;
            }
            byte[] reference = child.Reference;
            reference.CopyTo(rlp, pos);
            pos += reference.Length;
        }
        if (Value is null) rlp[pos] = Rlp.EmptyString;
        else Rlp.WriteBytes(rlp.AsSpan(pos), Value);
        return rlp;
    }
}
