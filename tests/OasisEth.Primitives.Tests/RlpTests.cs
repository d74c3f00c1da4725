using System.Numerics;
using NUnit.Framework;
using OasisEth.Primitives.Rlp;
using R = OasisEth.Primitives.Rlp.Rlp;

namespace OasisEth.Primitives.Tests;

[TestFixture]
public class RlpTests
{
    private static readonly BigInteger Two64 = BigInteger.One << 64;

    public static IEnumerable<BigInteger> BoundaryIntegers()
    {
        foreach (int bits in new[] { 0, 7, 8, 16, 56, 64, 128, 192, 255, 256 })
        {
            BigInteger p = BigInteger.One << bits;
            if (bits < 256) yield return p;
            yield return p - 1;
            if (bits is > 0 and < 256) yield return p + 1;
        }
        yield return 0x7f;
        yield return 0x80;
    }

    [TestCaseSource(nameof(BoundaryIntegers))]
    public void UInt256EncodingIsMinimalBigEndianAndRoundTrips(BigInteger value)
    {
        UInt256 word = FromBig(value);
        byte[] payload = value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
        byte[] expected = payload.Length == 1 && payload[0] < 0x80 ? payload : [(byte)(0x80 + payload.Length), .. payload];

        byte[] encoded = R.EncodeUInt256(word);
        Assert.That(encoded, Is.EqualTo(expected));
        Assert.That(R.LengthOfUInt256(word), Is.EqualTo(encoded.Length));

        var span = new byte[40];
        Assert.That(R.WriteUInt256(span, word), Is.EqualTo(encoded.Length));
        Assert.That(new RlpReader(encoded).ReadUInt256(), Is.EqualTo(word));

        if (value < Two64)
        {
            Assert.That(R.EncodeULong((ulong)value), Is.EqualTo(expected));
            Assert.That(R.LengthOfULong((ulong)value), Is.EqualTo(expected.Length));
            Assert.That(new RlpReader(encoded).ReadULong(), Is.EqualTo((ulong)value));
        }
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(55)]
    [TestCase(56)]
    [TestCase(255)]
    [TestCase(256)]
    [TestCase(65536)]
    public void StringAndListHeadersSwitchToLongFormAt56(int length)
    {
        var payload = new byte[length];
        Array.Fill(payload, (byte)0xAB);
        byte[] str = R.EncodeBytes(payload);
        byte[] list = R.EncodeList(str);

        int headerLen = length < 56 ? 1 : 1 + (length <= 0xff ? 1 : length <= 0xffff ? 2 : 3);
        Assert.That(str.Length, Is.EqualTo(headerLen + length));
        Assert.That(str[0], Is.EqualTo(length < 56 ? 0x80 + length : 0xb7 + headerLen - 1));
        Assert.That(R.LengthOfBytes(payload), Is.EqualTo(str.Length));
        Assert.That(R.LengthOfListHeader(str.Length) + str.Length, Is.EqualTo(list.Length));
        Assert.That(list[0], Is.EqualTo(str.Length < 56 ? 0xc0 + str.Length : 0xf7 + R.LengthOfListHeader(str.Length) - 1));

        var reader = new RlpReader(str);
        Assert.That(reader.ReadBytes().ToArray(), Is.EqualTo(payload));
        reader.ReadEnd();
        RlpReader.Validate(list);
    }

    [Test]
    public void SingleByteBelow0x80IsItsOwnEncoding()
    {
        Assert.That(R.EncodeBytes([0x00]), Is.EqualTo(new byte[] { 0x00 }));
        Assert.That(R.EncodeBytes([0x7f]), Is.EqualTo(new byte[] { 0x7f }));
        Assert.That(R.EncodeBytes([0x80]), Is.EqualTo(new byte[] { 0x81, 0x80 }));
        Assert.That(R.EncodeBytes([]), Is.EqualTo(new byte[] { 0x80 }));
    }

    [Test]
    public void AddressAndHashAreFixedLengthStrings()
    {
        Address a = Address.Parse("0x00000000000000000000000000000000000000ff");
        byte[] encoded = R.EncodeAddress(a);
        Assert.That(encoded.Length, Is.EqualTo(21));
        Assert.That(encoded[0], Is.EqualTo(0x94));
        Assert.That(new RlpReader(encoded).ReadAddress(), Is.EqualTo(a));

        byte[] hash = R.EncodeHash256(Hash256.EmptyTrie);
        Assert.That(hash[0], Is.EqualTo(0xa0));
        Assert.That(new RlpReader(hash).ReadHash256(), Is.EqualTo(Hash256.EmptyTrie));
    }

    [Test]
    public void ReaderWalksNestedListsAndRawItems()
    {
        byte[] inner = R.EncodeList(R.EncodeULong(1), R.EncodeBytes("dog"u8));
        byte[] outer = R.EncodeList(inner, R.EncodeULong(1024));

        var reader = new RlpReader(outer);
        Assert.That(reader.IsList, Is.True);
        RlpReader list = reader.ReadList();
        reader.ReadEnd();
        Assert.That(list.ReadEncodedItem().ToArray(), Is.EqualTo(inner));
        Assert.That(list.ReadULong(), Is.EqualTo(1024UL));
        Assert.That(list.HasMore, Is.False);
        list.ReadEnd();
    }

    // Each malformed form with the reason it is rejected.
    [TestCase("00", TestName = "Integer zero as byte 0x00 (zero is 0x80)")]
    [TestCase("820001", TestName = "Integer with leading zero byte")]
    [TestCase("89010000000000000000", TestName = "ULong of 9 bytes")]
    public void ULongRejectsNonCanonicalOrOversizedIntegers(string hex)
    {
        Assert.Throws<RlpException>(() => new RlpReader(Hex.Decode(hex)).ReadULong());
    }

    [Test]
    public void UInt256RejectsMoreThan32BytesAndLeadingZeros()
    {
        byte[] big = R.EncodeBytes(new byte[33] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
        Assert.Throws<RlpException>(() => new RlpReader(big).ReadUInt256());
        Assert.Throws<RlpException>(() => new RlpReader(Hex.Decode("820001")).ReadUInt256());
    }

    [Test]
    public void ReaderRejectsWrongShapes()
    {
        Assert.Throws<RlpException>(() => new RlpReader(Hex.Decode("c0")).ReadBytes());
        Assert.Throws<RlpException>(() => new RlpReader(Hex.Decode("80")).ReadList());
        Assert.Throws<RlpException>(() => new RlpReader(R.EncodeBytes(new byte[19])).ReadAddress());
        Assert.Throws<RlpException>(() => new RlpReader(R.EncodeBytes(new byte[31])).ReadHash256());
        Assert.Throws<RlpException>(() => new RlpReader(Hex.Decode("8101")).ReadBytes());
        Assert.Throws<RlpException>(() => new RlpReader(Hex.Decode("b801ff")).ReadBytes());
        Assert.Throws<RlpException>(() => new RlpReader(Hex.Decode("83aabb")).ReadBytes());
        Assert.Throws<RlpException>(() => new RlpReader([]).ReadBytes());
        Assert.Throws<RlpException>(() => { var r = new RlpReader(Hex.Decode("0102")); r.ReadBytes(); r.ReadEnd(); });
        // An item inside a list may not run past the list's end even if the outer buffer has the bytes.
        Assert.Throws<RlpException>(() => { var r = new RlpReader(Hex.Decode("c18200ff")); r.ReadList().ReadBytes(); });
    }

    [Test]
    public void ValidateHandlesDeepNestingWithoutRecursion()
    {
        const int depth = 100_000;
        // Sizes from the inside out: level 0 is the empty list c0, level i wraps level i - 1.
        var sizes = new int[depth + 1];
        sizes[0] = 1;
        for (int i = 1; i <= depth; i++) sizes[i] = R.LengthOfList(sizes[i - 1]);
        var encoded = new byte[sizes[depth]];
        int pos = 0;
        for (int i = depth; i >= 1; i--) pos += R.WriteListHeader(encoded.AsSpan(pos), sizes[i - 1]);
        encoded[pos] = 0xc0;

        Assert.DoesNotThrow(() => RlpReader.Validate(encoded));
        encoded[^1] = 0xc1; // the innermost empty list now claims a byte that is not there
        Assert.Throws<RlpException>(() => RlpReader.Validate(encoded));
    }

    private static UInt256 FromBig(BigInteger value)
    {
        var buf = new byte[32];
        byte[] bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (value.IsZero) bytes = [];
        bytes.CopyTo(buf, 32 - bytes.Length);
        return UInt256.FromBigEndian(buf);
    }
}
