using System.Buffers.Binary;

namespace OasisEth.Host.Transport;

/// <summary>
/// RHP framing (rhp-spec §2): <c>u32 big-endian length ‖ one CBOR Message</c>. Blocking reads and writes on the
/// connection's own threads, so a handler blocked on a host answer never starves the thread pool the reader
/// would need.
/// </summary>
public static class FrameCodec
{
    /// <summary>
    /// What we send at most: 16 MiB, what oasis-core's docs state and the smallest limit of any peer
    /// (the Rust runtime reads 32 MiB, the Go host 64 MiB), so every frame we write is accepted everywhere.
    /// </summary>
    public const int DefaultMaxWriteFrame = 16 << 20;

    /// <summary>What we accept: 64 MiB, the Go host's own codec limit, so nothing the host may legally send is refused.</summary>
    public const int DefaultMaxReadFrame = 64 << 20;

    /// <summary>
    /// Reads one frame. Returns null on a clean end of stream before a frame starts; throws
    /// <see cref="FrameException"/> on a frame over <paramref name="maxFrame"/>, a zero length, or a stream that
    /// ends inside a frame.
    /// </summary>
    public static byte[]? Read(Stream stream, int maxFrame)
    {
        Span<byte> prefix = stackalloc byte[4];
        int got = ReadAtMost(stream, prefix);
        if (got == 0) return null;
        if (got < 4) throw new FrameException("stream ended inside a frame length");
        uint length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        if (length == 0) throw new FrameException("zero-length frame");
        if (length > (uint)maxFrame) throw new FrameException($"frame of {length} bytes exceeds the {maxFrame}-byte limit");
        var data = new byte[length];
        if (ReadAtMost(stream, data) != data.Length) throw new FrameException("stream ended inside a frame");
        return data;
    }

    /// <summary>Writes one frame (prefix and body in one write, so frames never interleave on a shared stream).</summary>
    public static void Write(Stream stream, ReadOnlySpan<byte> cbor)
    {
        var frame = new byte[4 + cbor.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)cbor.Length);
        cbor.CopyTo(frame.AsSpan(4));
        stream.Write(frame);
        stream.Flush();
    }

    private static int ReadAtMost(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}

/// <summary>A framing error the stream cannot recover from (the next frame boundary is lost): the connection closes.</summary>
public sealed class FrameException(string message) : IOException(message);
