using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;

namespace OasisEth.Transactions.Tests;

/// <summary>Hand edits of encoded transactions: replace, drop or add one top-level field, keeping everything else.</summary>
internal static class RawTx
{
    /// <summary>The encoded items of the transaction's list (after the type byte, for a typed one).</summary>
    public static List<byte[]> Items(byte[] raw)
    {
        var reader = new RlpReader(raw[0] >= 0xc0 ? raw : raw[1..]);
        RlpReader list = reader.ReadList();
        var items = new List<byte[]>();
        while (list.HasMore) items.Add(list.ReadEncodedItem().ToArray());
        return items;
    }

    public static byte[] Build(byte[] original, List<byte[]> items)
    {
        byte[] list = Rlp.EncodeList([.. items]);
        return original[0] >= 0xc0 ? list : [original[0], .. list];
    }

    /// <summary>Field <paramref name="index"/> replaced by the encoded item <paramref name="encodedHex"/>.</summary>
    public static byte[] Replace(byte[] raw, int index, string encodedHex) => Replace(raw, index, Hex.Decode(encodedHex));

    public static byte[] Replace(byte[] raw, int index, byte[] encodedItem)
    {
        List<byte[]> items = Items(raw);
        items[index] = encodedItem;
        return Build(raw, items);
    }

    public static byte[] DropLast(byte[] raw)
    {
        List<byte[]> items = Items(raw);
        items.RemoveAt(items.Count - 1);
        return Build(raw, items);
    }

    public static byte[] Append(byte[] raw, string encodedHex)
    {
        List<byte[]> items = Items(raw);
        items.Add(Hex.Decode(encodedHex));
        return Build(raw, items);
    }

    public static byte[] Int(in UInt256 value) => Rlp.EncodeUInt256(value);

    /// <summary>A string item of <paramref name="length"/> bytes of 0x11.</summary>
    public static byte[] Bytes(int length)
    {
        var b = new byte[length];
        Array.Fill(b, (byte)0x11);
        return Rlp.EncodeBytes(b);
    }
}
