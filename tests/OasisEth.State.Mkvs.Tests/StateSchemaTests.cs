using OasisEth.Primitives;

namespace OasisEth.State.Mkvs.Tests;

public class StateSchemaTests
{
    private static readonly Hash256 SomeCode = Keccak.Compute([0x60, 0x00]);

    private static readonly ulong[] Nonces = [0, 1, 0x7f, 0xff, 0x100, 0xffff_ffff, 0x1_0000_0000, ulong.MaxValue];

    private static readonly UInt256[] Balances =
    [
        UInt256.Zero, UInt256.One, new(0xff), new(0x100), new(ulong.MaxValue), new(0, 1), new(0, 0, 1),
        new(0, 0, 0, 1), new(0, 0, 0, 0x8000_0000_0000_0000), UInt256.MaxValue,
    ];

    [Test]
    public void Account_RoundTrips_OverBoundaryValues()
    {
        foreach (ulong nonce in Nonces)
        foreach (UInt256 balance in Balances)
        foreach (Hash256 codeHash in new[] { Hash256.EmptyCode, SomeCode })
        {
            byte[] value = StateSchema.EncodeAccount(nonce, balance, codeHash);
            Assert.That(StateSchema.TryDecodeAccount(value, out ulong n, out UInt256 b, out Hash256 c), Is.True);
            Assert.That((n, b, c), Is.EqualTo((nonce, balance, codeHash)));
            Assert.That(value, Has.Length.LessThanOrEqualTo(StateSchema.MaxAccountValueLength));
        }
    }

    [Test]
    public void Account_Encoding_IsTheDocumentedLayout()
    {
        // version 1, nonce 1 (1 byte), balance 0x0100 (2 bytes), no code hash.
        Assert.That(StateSchema.EncodeAccount(1, 0x100, Hash256.EmptyCode), Is.EqualTo(new byte[] { 1, 1, 1, 2, 1, 0 }));
        // The empty account is three bytes.
        Assert.That(StateSchema.EncodeAccount(0, 0, Hash256.EmptyCode), Is.EqualTo(new byte[] { 1, 0, 0 }));
        byte[] withCode = StateSchema.EncodeAccount(0, 0, SomeCode);
        Assert.That(withCode[..3], Is.EqualTo(new byte[] { 1, 0, 0 }));
        Assert.That(withCode[3..], Is.EqualTo(SomeCode.ToArray()));
        Assert.That(StateSchema.EncodeAccount(ulong.MaxValue, UInt256.MaxValue, SomeCode), Has.Length.EqualTo(StateSchema.MaxAccountValueLength));
    }

    [TestCase("", TestName = "empty")]
    [TestCase("020000", TestName = "unknown version")]
    [TestCase("0000", TestName = "truncated header")]
    [TestCase("01010000", TestName = "nonce with a leading zero")]
    [TestCase("0109010203040506070809" + "00", TestName = "nonce over 8 bytes")]
    [TestCase("01000100", TestName = "balance with a leading zero")]
    [TestCase("010002ff", TestName = "balance shorter than its length")]
    [TestCase("01000000", TestName = "one trailing byte")]
    [TestCase("010000c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", TestName = "empty-code hash spelled out")]
    public void Account_NonCanonical_IsRejected(string hex)
    {
        byte[] value = Hex.Decode(hex);
        Assert.That(StateSchema.TryDecodeAccount(value, out _, out _, out _), Is.False);
        Assert.Throws<InvalidDataException>(() => StateSchema.DecodeAccount(value, out _, out _, out _));
    }

    [Test]
    public void StorageValue_IsMinimalBigEndian_AndRoundTrips()
    {
        Assert.That(StateSchema.EncodeStorageValue(UInt256.One), Is.EqualTo(new byte[] { 1 }));
        Assert.That(StateSchema.EncodeStorageValue(new UInt256(0x1234)), Is.EqualTo(new byte[] { 0x12, 0x34 }));
        Assert.That(StateSchema.EncodeStorageValue(UInt256.MaxValue), Is.EqualTo(Enumerable.Repeat((byte)0xff, 32).ToArray()));
        foreach (UInt256 v in Balances)
        {
            if (v.IsZero) continue;
            Assert.That(StateSchema.DecodeStorageValue(StateSchema.EncodeStorageValue(v)), Is.EqualTo(v));
        }
        Assert.Throws<ArgumentException>(() => StateSchema.EncodeStorageValue(UInt256.Zero));
    }

    [TestCase("", TestName = "empty (zero is an absent key)")]
    [TestCase("0001", TestName = "leading zero")]
    [TestCase("00", TestName = "zero byte")]
    public void StorageValue_NonCanonical_IsRejected(string hex)
    {
        Assert.That(StateSchema.TryDecodeStorageValue(Hex.Decode(hex), out _), Is.False);
        Assert.Throws<InvalidDataException>(() => StateSchema.DecodeStorageValue(Hex.Decode(hex)));
    }

    [Test]
    public void StorageValue_Over32Bytes_IsRejected() =>
        Assert.That(StateSchema.TryDecodeStorageValue(Enumerable.Repeat((byte)1, 33).ToArray(), out _), Is.False);

    [Test]
    public void Keys_HaveTheDocumentedLayout()
    {
        var address = Address.Parse("0x00112233445566778899aabbccddeeff00112233");
        var slot = new UInt256(0x0102, 0, 0, 0xa000_0000_0000_0000);

        Assert.That(StateSchema.AccountKey(address), Is.EqualTo(Hex.Decode("01" + "00112233445566778899aabbccddeeff00112233")));
        Assert.That(StateSchema.CodeKey(SomeCode), Is.EqualTo(new byte[] { 2 }.Concat(SomeCode.ToArray()).ToArray()));
        byte[] storageKey = StateSchema.StorageKey(address, slot);
        Assert.That(Hex.Encode(storageKey), Is.EqualTo(
            "03" + "00112233445566778899aabbccddeeff00112233" + "a000000000000000" + "0000000000000000" + "0000000000000000" + "0000000000000102"));
        Assert.That(StateSchema.TryParseStorageKey(storageKey, out Address a, out UInt256 s), Is.True);
        Assert.That((a, s), Is.EqualTo((address, slot)));
        Assert.That(StateSchema.TryParseStorageKey(StateSchema.AccountKey(address), out _, out _), Is.False);
    }

    [Test]
    public void StorageKeys_SortByAddressThenSlotNumerically()
    {
        var low = Address.Parse("0x0000000000000000000000000000000000000001");
        var high = Address.Parse("0x0000000000000000000000000000000000000002");
        byte[][] keys =
        [
            StateSchema.StorageKey(high, 0),
            StateSchema.StorageKey(low, new UInt256(0, 1)),
            StateSchema.StorageKey(low, 0xff),
            StateSchema.StorageKey(low, 1),
        ];
        Array.Sort(keys, (x, y) => x.AsSpan().SequenceCompareTo(y));
        Assert.That(keys[0], Is.EqualTo(StateSchema.StorageKey(low, 1)));
        Assert.That(keys[1], Is.EqualTo(StateSchema.StorageKey(low, 0xff)));
        Assert.That(keys[2], Is.EqualTo(StateSchema.StorageKey(low, new UInt256(0, 1))));
        Assert.That(keys[3], Is.EqualTo(StateSchema.StorageKey(high, 0)));
    }
}
