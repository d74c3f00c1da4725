using System.Formats.Cbor;
using OasisEth.Host.Cbor;
using OasisEth.Mkvs;

namespace OasisEth.Host.Protocol;

/// <summary>
/// <c>WriteLog = [[key, value | null]]</c> inside RHP bodies (rhp-spec §7.4): null deletes, a byte string
/// (possibly empty) inserts. A null log reads as empty.
/// </summary>
public static class WriteLogCbor
{
    public static void Write(CborWriter w, IReadOnlyList<MkvsWriteLogEntry> log)
    {
        w.WriteStartArray(log.Count);
        for (int i = 0; i < log.Count; i++)
        {
            w.WriteStartArray(2);
            w.WriteByteString(log[i].Key);
            if (log[i].Value is { } value) w.WriteByteString(value);
            else w.WriteNull();
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    public static List<MkvsWriteLogEntry> Read(CborReader r) => CborIn.Array(r, static r =>
    {
        int? n = r.ReadStartArray();
        if (n != 2) throw new RhpCborException("a write-log entry is a 2-element array");
        var key = CborIn.Bytes(r);
        var value = CborIn.BytesOrNull(r);
        r.ReadEndArray();
        return new MkvsWriteLogEntry(key, value);
    });
}
