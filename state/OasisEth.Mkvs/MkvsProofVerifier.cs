using System.Buffers.Binary;
using OasisEth.Primitives;

namespace OasisEth.Mkvs;

/// <summary>
/// Verifies an <see cref="MkvsProof"/> against a trusted root the way oasis-core does
/// (go/storage/mkvs/syncer/proof.go, runtime/src/storage/mkvs/sync/proof.rs): rebuild every full node's hash
/// from its compact bytes and its children's entries, bottom-up, and compare the result with the root. Every
/// entry must be used, and the walk is limited to 128 levels as in Go.
/// </summary>
public static class MkvsProofVerifier
{
    private const int MaxDepth = 128;

    public static bool TryVerify(Hash256 root, MkvsProof proof, out string? error) =>
        TryVerify(root, proof, null, out error);

    /// <summary>
    /// Verifies and, when <paramref name="leaves"/> is given, adds every key/value the proof holds in full
    /// (as Go's VerifyProofToWriteLog), e.g. to read the value a SyncGet proof was fetched for.
    /// </summary>
    public static bool TryVerify(Hash256 root, MkvsProof proof, List<KeyValuePair<byte[], byte[]>>? leaves, out string? error) =>
        TryVerify(root, proof, leaves, null, out error);

    /// <summary>
    /// Verifies and, when <paramref name="nodes"/> is given, adds (hash, stored bytes) for every node the proof
    /// holds in full, in the form <see cref="MkvsTree"/> loads (a node source can cache them). A v1 internal node
    /// whose leaf is given only by hash cannot be rebuilt in that form and is left out. Nothing is added when
    /// verification fails.
    /// </summary>
    public static bool TryVerify(Hash256 root, MkvsProof proof, List<KeyValuePair<byte[], byte[]>>? leaves,
        List<KeyValuePair<Hash256, byte[]>>? nodes, out string? error)
    {
        if (proof.Version > 1)
        {
            error = $"unsupported proof version {proof.Version}";
            return false;
        }
        if (proof.UntrustedRoot != root)
        {
            error = $"proof is for root {proof.UntrustedRoot}, expected {root}";
            return false;
        }
        if (proof.Entries.Count == 0)
        {
            error = "empty proof";
            return false;
        }
        int before = leaves?.Count ?? 0;
        int nodesBefore = nodes?.Count ?? 0;
        int next = Walk(proof, 0, 0, leaves, nodes, out var hash, out error);
        if (next >= 0 && next != proof.Entries.Count) error = "unused entries in proof";
        else if (next >= 0 && hash != root) error = $"bad root: proof hashes to {hash}, expected {root}";
        if (error is null) return true;
        leaves?.RemoveRange(before, leaves.Count - before);
        nodes?.RemoveRange(nodesBefore, nodes.Count - nodesBefore);
        return false;
    }

    /// <summary>Hashes the subtree whose entry is at <paramref name="index"/>; returns the next index or -1.</summary>
    private static int Walk(MkvsProof proof, int index, int depth, List<KeyValuePair<byte[], byte[]>>? leaves,
        List<KeyValuePair<Hash256, byte[]>>? nodes, out Hash256 hash, out string? error)
    {
        hash = default;
        error = null;
        if (index >= proof.Entries.Count) return Fail("malformed proof: missing entries", out error);
        if (depth > MaxDepth) return Fail("max proof depth exceeded", out error);
        var entry = proof.Entries[index];
        if (entry is null)
        {
            hash = Sha512_256.EmptyHash;
            return index + 1;
        }
        if (entry.Length == 0) return Fail("malformed proof: empty entry", out error);
        if (entry[0] == MkvsProof.EntryHash)
        {
            if (entry.Length != 1 + Hash256.Size) return Fail("malformed hash entry", out error);
            hash = new Hash256(entry.AsSpan(1));
            return index + 1;
        }
        if (entry[0] != MkvsProof.EntryFull) return Fail($"unexpected entry type 0x{entry[0]:x2}", out error);

        var data = entry.AsSpan(1);
        if (data.Length > 0 && data[0] == MkvsNodeHash.LeafPrefix)
        {
            if (!TryReadLeaf(data, out int used, out var key, out var value) || used != data.Length)
                return Fail("malformed leaf node", out error);
            hash = MkvsNodeHash.Leaf(key, value);
            leaves?.Add(new(key.ToArray(), value.ToArray()));
            nodes?.Add(new(hash, data.ToArray()));
            return index + 1;
        }
        if (data.Length < 4 || data[0] != MkvsNodeHash.InternalPrefix) return Fail("malformed node", out error);

        int labelBits = BinaryPrimitives.ReadUInt16LittleEndian(data[1..]);
        int labelBytes = (labelBits + 7) >> 3;
        if (data.Length < 3 + labelBytes + 1) return Fail("malformed internal node: truncated label", out error);
        var label = data.Slice(3, labelBytes);
        var rest = data[(3 + labelBytes)..];
        int pos = index + 1;
        Hash256 leafHash;
        // The stored form inlines the leaf; in v1 it is the next entry, usable only when given in full.
        ReadOnlySpan<byte> inlineLeaf = default;
        bool storable = true;
        if (rest[0] == MkvsNodeCodec.NilPrefix)
        {
            if (rest.Length != 1) return Fail("malformed internal node: trailing bytes", out error);
            leafHash = Sha512_256.EmptyHash;
            if (proof.Version == 1)
            {
                if (pos < proof.Entries.Count && proof.Entries[pos] is { } leafEntry)
                {
                    if (leafEntry.Length > 1 && leafEntry[0] == MkvsProof.EntryFull && leafEntry[1] == MkvsNodeHash.LeafPrefix)
                        inlineLeaf = leafEntry.AsSpan(1);
                    else storable = false;
                }
                pos = Walk(proof, pos, depth + 1, leaves, nodes, out leafHash, out error);
                if (pos < 0) return -1;
            }
        }
        else
        {
            // Only v0 carries the leaf inside the internal node.
            if (proof.Version != 0) return Fail("malformed internal node: inline leaf in a v1 proof", out error);
            if (!TryReadLeaf(rest, out int used, out var key, out var value) || used != rest.Length)
                return Fail("malformed internal node: bad inline leaf", out error);
            leafHash = MkvsNodeHash.Leaf(key, value);
            leaves?.Add(new(key.ToArray(), value.ToArray()));
        }
        pos = Walk(proof, pos, depth + 1, leaves, nodes, out var leftHash, out error);
        if (pos < 0) return -1;
        pos = Walk(proof, pos, depth + 1, leaves, nodes, out var rightHash, out error);
        if (pos < 0) return -1;
        // The label goes into the hash as it was sent, like oasis-core's verifiers do.
        hash = MkvsNodeHash.Internal(label, labelBits, leafHash, leftHash, rightHash);
        if (nodes is not null && storable)
        {
            // Stored form: 0x01 ‖ u16le(bits) ‖ label ‖ (leaf | 0x02) ‖ leftHash ‖ rightHash.
            var head = data[..(3 + labelBytes)];
            var slot = proof.Version == 0 ? rest : inlineLeaf.IsEmpty ? [MkvsNodeCodec.NilPrefix] : inlineLeaf;
            var stored = new byte[head.Length + slot.Length + 2 * Hash256.Size];
            head.CopyTo(stored);
            slot.CopyTo(stored.AsSpan(head.Length));
            leftHash.CopyTo(stored.AsSpan(head.Length + slot.Length));
            rightHash.CopyTo(stored.AsSpan(head.Length + slot.Length + Hash256.Size));
            nodes.Add(new(hash, stored));
        }
        return pos;
    }

    private static bool TryReadLeaf(ReadOnlySpan<byte> data, out int used, out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        used = 0;
        key = value = default;
        if (data.Length < 7 || data[0] != MkvsNodeHash.LeafPrefix) return false;
        int keyLength = BinaryPrimitives.ReadUInt16LittleEndian(data[1..]);
        if (data.Length < 3 + keyLength + 4) return false;
        key = data.Slice(3, keyLength);
        uint valueLength = BinaryPrimitives.ReadUInt32LittleEndian(data[(3 + keyLength)..]);
        int at = 3 + keyLength + 4;
        if ((ulong)(data.Length - at) < valueLength) return false;
        value = data.Slice(at, (int)valueLength);
        used = at + (int)valueLength;
        return true;
    }

    private static int Fail(string message, out string? error)
    {
        error = message;
        return -1;
    }
}
