using System.Text;
using OasisEth.Host.Protocol;

namespace OasisEth.Host.Tests;

/// <summary>Constants and helpers shared by the rhp-spec §14 vector tests.</summary>
internal static class Vectors
{
    public static readonly Hash256 EmptyHash = Hash256.Parse("c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a");
    public static readonly Hash256 RuntimeId = Hash256.Parse("8000000000000000000000000000000000000000000000000000000001234567");

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);
    public static string ToHex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
    public static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    /// <summary>The full frame: 4-byte big-endian length + the message's CBOR.</summary>
    public static byte[] Frame(RhpMessage message)
    {
        var cbor = message.Encode();
        var frame = new byte[4 + cbor.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)cbor.Length);
        cbor.CopyTo(frame, 4);
        return frame;
    }

    /// <summary>Decodes a full frame (length prefix checked) or fails the test.</summary>
    public static RhpMessage Unframe(byte[] frame)
    {
        uint length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(frame);
        Assert.That(length, Is.EqualTo(frame.Length - 4), "length prefix");
        var message = RhpMessage.TryDecode(frame.AsMemory(4), out _, out var error);
        Assert.That(message, Is.Not.Null, error);
        return message!;
    }

    /// <summary>The §14.4 genesis header (V7).</summary>
    public static BlockHeader GenesisHeader() => new()
    {
        Version = 0,
        Namespace = RuntimeId,
        Round = 0,
        Timestamp = 1700000000,
        HeaderType = HeaderType.Normal,
        PreviousHash = EmptyHash,
        IoRoot = EmptyHash,
        StateRoot = EmptyHash,
        MessagesHash = EmptyHash,
        InMsgsHash = EmptyHash,
    };
}
