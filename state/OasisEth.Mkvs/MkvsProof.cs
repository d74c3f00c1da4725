using System.Formats.Cbor;
using OasisEth.Primitives;

namespace OasisEth.Mkvs;

/// <summary>
/// A Merkle proof as oasis-core encodes it (rhp-spec §7.6; go/storage/mkvs/syncer/proof.go):
/// CBOR map { "v": u16 (omitted when 0), "entries": [bytes | null], "untrusted_root": Hash }. Entries are a
/// pre-order walk: null = nil subtree, 0x02 ‖ hash = a subtree known only by its hash, 0x01 ‖ compact node =
/// a full node followed by its children (v0: left, right, the leaf inline; v1: leaf, left, right).
/// <see cref="UntrustedRoot"/> is only a hint: verify against a root obtained elsewhere.
/// </summary>
public sealed class MkvsProof
{
    public const byte EntryFull = 0x01;
    public const byte EntryHash = 0x02;

    public ushort Version { get; set; }
    public Hash256 UntrustedRoot { get; set; }
    public List<byte[]?> Entries { get; } = [];

    /// <summary>Canonical CBOR, byte-identical to what oasis-core's Go and Rust encoders produce.</summary>
    public byte[] ToCbor()
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        // Canonical key order is by encoded bytes, so shorter text keys first: v, entries, untrusted_root.
        writer.WriteStartMap(Version == 0 ? 2 : 3);
        if (Version != 0)
        {
            writer.WriteTextString("v");
            writer.WriteUInt32(Version);
        }
        writer.WriteTextString("entries");
        writer.WriteStartArray(Entries.Count);
        foreach (var entry in Entries)
        {
            if (entry is null) writer.WriteNull();
            else writer.WriteByteString(entry);
        }
        writer.WriteEndArray();
        writer.WriteTextString("untrusted_root");
        writer.WriteByteString(UntrustedRoot.Bytes);
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>
    /// Decodes a proof. Missing fields and null take their defaults (rhp-spec §3.1); unknown fields are skipped.
    /// Throws <see cref="MkvsException"/> on malformed input.
    /// </summary>
    public static MkvsProof FromCbor(ReadOnlySpan<byte> cbor)
    {
        var proof = new MkvsProof();
        try
        {
            var reader = new CborReader(cbor.ToArray(), CborConformanceMode.Lax);
            int? count = reader.ReadStartMap();
            if (count is null) throw new MkvsException("Proof: indefinite-length map.");
            for (int i = 0; i < count; i++)
            {
                string field = reader.ReadTextString();
                if (reader.PeekState() == CborReaderState.Null)
                {
                    reader.ReadNull();
                    continue;
                }
                switch (field)
                {
                    case "v":
                        ulong v = reader.ReadUInt64();
                        if (v > ushort.MaxValue) throw new MkvsException("Proof: version out of range.");
                        proof.Version = (ushort)v;
                        break;
                    case "untrusted_root":
                        var root = reader.ReadByteString();
                        if (root.Length != Hash256.Size) throw new MkvsException("Proof: untrusted_root is not 32 bytes.");
                        proof.UntrustedRoot = new Hash256(root);
                        break;
                    case "entries":
                        int? n = reader.ReadStartArray();
                        if (n is null) throw new MkvsException("Proof: indefinite-length entries.");
                        for (int j = 0; j < n; j++)
                        {
                            if (reader.PeekState() == CborReaderState.Null)
                            {
                                reader.ReadNull();
                                proof.Entries.Add(null);
                            }
                            else
                            {
                                proof.Entries.Add(reader.ReadByteString());
                            }
                        }
                        reader.ReadEndArray();
                        break;
                    default:
                        reader.SkipValue();
                        break;
                }
            }
            reader.ReadEndMap();
            if (reader.BytesRemaining != 0) throw new MkvsException("Proof: trailing bytes.");
        }
        catch (CborContentException e)
        {
            throw new MkvsException($"Proof: malformed CBOR ({e.Message}).");
        }
        catch (InvalidOperationException e)
        {
            throw new MkvsException($"Proof: unexpected CBOR item ({e.Message}).");
        }
        return proof;
    }
}
