using System.Formats.Cbor;

namespace OasisEth.Host.Cbor;

/// <summary>
/// Puts CBOR in canonical form (rhp-spec §3.1): every map's entries sorted by their encoded key bytes, definite
/// lengths. Integers and lengths are already minimal from any <see cref="CborWriter"/>.
/// </summary>
/// <remarks>
/// Why not <see cref="CborConformanceMode.Canonical"/>: its writer (and the Strict/Canonical readers) detect duplicate
/// keys with a hash set whose comparer seeds itself from <c>RandomNumberGenerator</c>, which on Linux is OpenSSL's
/// libcrypto, loaded with dlopen, and absent in oasis-node's sandbox: the runtime died with "No usable version of
/// libssl was found" on its first answer. So we write in Lax mode and sort here; nothing we write has duplicate keys.
/// </remarks>
public static class CanonicalCbor
{
    /// <summary>A writer that accepts maps in any key order and open lengths (sorted and closed by <see cref="Encode"/>).</summary>
    public static CborWriter Writer() => new(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: true);

    /// <summary>The writer's value in canonical form.</summary>
    public static byte[] Encode(CborWriter writer) => Canonicalize(writer.Encode());

    public static byte[] Canonicalize(byte[] encoded)
    {
        var reader = new CborReader(encoded, CborConformanceMode.Lax);
        var writer = Writer();
        Copy(reader, writer);
        if (reader.BytesRemaining != 0) throw new CborContentException("Trailing bytes after the CBOR value.");
        return writer.Encode();
    }

    private static void Copy(CborReader reader, CborWriter writer)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.StartMap:
            {
                reader.ReadStartMap();
                var entries = new List<(byte[] Key, byte[] Value)>();
                while (reader.PeekState() != CborReaderState.EndMap) entries.Add((Item(reader), Item(reader)));
                reader.ReadEndMap();
                entries.Sort(static (a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
                writer.WriteStartMap(entries.Count);
                foreach (var (key, value) in entries)
                {
                    writer.WriteEncodedValue(key);
                    writer.WriteEncodedValue(value);
                }
                writer.WriteEndMap();
                break;
            }
            case CborReaderState.StartArray:
            {
                int? count = reader.ReadStartArray();
                writer.WriteStartArray(count);
                while (reader.PeekState() != CborReaderState.EndArray) Copy(reader, writer);
                reader.ReadEndArray();
                writer.WriteEndArray();
                break;
            }
            default:
                writer.WriteEncodedValue(reader.ReadEncodedValue().Span);
                break;
        }
    }

    private static byte[] Item(CborReader reader)
    {
        var writer = Writer();
        Copy(reader, writer);
        return writer.Encode();
    }
}
