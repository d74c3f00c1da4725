namespace OasisEth.Trie;

/// <summary>
/// A node of the in-memory <see cref="PatriciaTrie"/>. Paths are held one nibble per byte. Each node caches the
/// reference its parent embeds (its RLP if under 32 bytes, else 0xa0 + Keccak of it); a mutation clears the
/// cache of every node on the path it walks, so the next root computation re-hashes only those.
/// </summary>
internal abstract class TrieNode
{
    private byte[]? _reference;

    public void Invalidate() => _reference = null;

    /// <summary>The bytes a parent node embeds for this node (cached until the node changes).</summary>
    public byte[] Reference
    {
        get
        {
            if (_reference is null)
            {
                byte[] rlp = Encode();
                if (rlp.Length < 32)
                {
                    _reference = rlp;
                }
                else
                {
                    _reference = new byte[TrieEncoding.MaxReferenceLength];
                    TrieEncoding.WriteReference(rlp, _reference);
                }
            }
            return _reference;
        }
    }

    /// <summary>The node's RLP encoding.</summary>
    protected abstract byte[] Encode();
}
