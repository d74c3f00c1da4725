using System.Formats.Cbor;

namespace OasisEth.Mkvs;

/// <summary>
/// Write logs (rhp-spec §7.4): CBOR <c>[[key, value | null], …]</c>, and replaying one onto a tree in order
/// (null → remove, else insert), which is what the node does to check a returned root.
/// </summary>
public static class MkvsWriteLog
{
    public static void Apply(MkvsTree tree, IEnumerable<MkvsWriteLogEntry> log)
    {
        foreach (var entry in log)
        {
            if (entry.Value is null) tree.Remove(entry.Key);
            else tree.Insert(entry.Key, entry.Value);
        }
    }

    public static byte[] ToCbor(IReadOnlyList<MkvsWriteLogEntry> log)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartArray(log.Count);
        foreach (var entry in log)
        {
            writer.WriteStartArray(2);
            writer.WriteByteString(entry.Key);
            if (entry.Value is null) writer.WriteNull();
            else writer.WriteByteString(entry.Value);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        return writer.Encode();
    }

    /// <summary>Decodes a write log; a CBOR null log (what Go sends for a nil slice) is empty.</summary>
    public static List<MkvsWriteLogEntry> FromCbor(ReadOnlySpan<byte> cbor)
    {
        var log = new List<MkvsWriteLogEntry>();
        try
        {
            var reader = new CborReader(cbor.ToArray(), CborConformanceMode.Lax);
            if (reader.PeekState() == CborReaderState.Null)
            {
                reader.ReadNull();
                return log;
            }
            int? count = reader.ReadStartArray() ?? throw new MkvsException("Write log: indefinite-length array.");
            for (int i = 0; i < count; i++)
            {
                if (reader.ReadStartArray() != 2) throw new MkvsException("Write log: an entry is a 2-element array.");
                var key = reader.ReadByteString();
                byte[]? value = null;
                if (reader.PeekState() == CborReaderState.Null) reader.ReadNull();
                else value = reader.ReadByteString();
                reader.ReadEndArray();
                log.Add(new MkvsWriteLogEntry(key, value));
            }
            reader.ReadEndArray();
            if (reader.BytesRemaining != 0) throw new MkvsException("Write log: trailing bytes.");
        }
        catch (CborContentException e)
        {
            throw new MkvsException($"Write log: malformed CBOR ({e.Message}).");
        }
        catch (InvalidOperationException e)
        {
            throw new MkvsException($"Write log: unexpected CBOR item ({e.Message}).");
        }
        return log;
    }
}
