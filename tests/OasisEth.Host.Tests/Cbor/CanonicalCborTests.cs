using System.Formats.Cbor;
using OasisEth.Host.Cbor;

namespace OasisEth.Host.Tests.Cbor;

public sealed class CanonicalCborTests
{
    [Test]
    public void Maps_at_every_depth_come_out_sorted_by_encoded_key_with_definite_lengths()
    {
        CborWriter w = CanonicalCbor.Writer();
        w.WriteStartMap(null);
        w.WriteTextString("zz"); w.WriteUInt64(1);
        w.WriteTextString("b"); w.WriteStartArray(null);
        w.WriteStartMap(null); w.WriteTextString("yy"); w.WriteNull(); w.WriteTextString("x"); w.WriteBoolean(true); w.WriteEndMap();
        w.WriteEndArray();
        w.WriteTextString("aaa"); w.WriteByteString([1, 2]);
        w.WriteEndMap();
        byte[] canonical = CanonicalCbor.Encode(w);

        // The strict canonical reader (sorted keys, definite lengths, minimal integers) accepts it...
        var strict = new CborReader(canonical, CborConformanceMode.Canonical);
        strict.SkipValue();
        Assert.That(strict.BytesRemaining, Is.Zero);
        // ...and it is exactly what the canonical writer makes of the same value.
        var reference = new CborWriter(CborConformanceMode.Canonical, convertIndefiniteLengthEncodings: true);
        reference.WriteStartMap(3);
        reference.WriteTextString("b"); reference.WriteStartArray(1);
        reference.WriteStartMap(2); reference.WriteTextString("x"); reference.WriteBoolean(true); reference.WriteTextString("yy"); reference.WriteNull(); reference.WriteEndMap();
        reference.WriteEndArray();
        reference.WriteTextString("zz"); reference.WriteUInt64(1);
        reference.WriteTextString("aaa"); reference.WriteByteString([1, 2]);
        reference.WriteEndMap();
        Assert.That(canonical, Is.EqualTo(reference.Encode()));
    }

    [Test]
    public void Trailing_bytes_are_refused() =>
        Assert.Throws<CborContentException>(() => CanonicalCbor.Canonicalize([0x01, 0x02]));
}
