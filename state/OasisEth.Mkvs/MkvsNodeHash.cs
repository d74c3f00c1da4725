using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using OasisEth.Primitives;

namespace OasisEth.Mkvs;

/// <summary>
/// The MKVS node hashes (rhp-spec §9.1; oasis-core go/storage/mkvs/node/node.go UpdateHash):
/// leaf = H(0x00 ‖ u32le(len key) ‖ key ‖ u32le(len value) ‖ value),
/// internal = H(0x01 ‖ u16le(label bits) ‖ label ‖ leafHash ‖ leftHash ‖ rightHash), nil = H("").
/// </summary>
[SkipLocalsInit]
public static class MkvsNodeHash
{
    public const byte LeafPrefix = 0x00;
    public const byte InternalPrefix = 0x01;

    /// <summary>Inputs up to this size are laid out on the stack and hashed in one call.</summary>
    private const int StackInput = 512;

    public static Hash256 Empty => Sha512_256.EmptyHash;

    public static Hash256 Leaf(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        int total = 9 + key.Length + value.Length;
        if (total <= StackInput)
        {
            Span<byte> buffer = stackalloc byte[StackInput];
            buffer[0] = LeafPrefix;
            BinaryPrimitives.WriteUInt32LittleEndian(buffer[1..], (uint)key.Length);
            key.CopyTo(buffer[5..]);
            BinaryPrimitives.WriteUInt32LittleEndian(buffer[(5 + key.Length)..], (uint)value.Length);
            value.CopyTo(buffer[(9 + key.Length)..]);
            return Sha512_256.Hash(buffer[..total]);
        }
        var h = new Sha512_256();
        h.Append(LeafPrefix);
        h.AppendUInt32LittleEndian((uint)key.Length);
        h.Append(key);
        h.AppendUInt32LittleEndian((uint)value.Length);
        h.Append(value);
        return h.Finish();
    }

    /// <summary>Hash of an internal node whose label bytes are given as stored (not re-masked).</summary>
    public static Hash256 Internal(ReadOnlySpan<byte> label, int labelBits, in Hash256 leaf, in Hash256 left, in Hash256 right)
    {
        int total = 3 + label.Length + 3 * Hash256.Size;
        if (total <= StackInput)
        {
            Span<byte> buffer = stackalloc byte[StackInput];
            buffer[0] = InternalPrefix;
            BinaryPrimitives.WriteUInt16LittleEndian(buffer[1..], (ushort)labelBits);
            label.CopyTo(buffer[3..]);
            int at = 3 + label.Length;
            leaf.CopyTo(buffer[at..]);
            left.CopyTo(buffer[(at + 32)..]);
            right.CopyTo(buffer[(at + 64)..]);
            return Sha512_256.Hash(buffer[..total]);
        }
        var h = new Sha512_256();
        h.Append(InternalPrefix);
        h.AppendUInt16LittleEndian((ushort)labelBits);
        h.Append(label);
        h.Append(leaf.Bytes);
        h.Append(left.Bytes);
        h.Append(right.Bytes);
        return h.Finish();
    }
}
