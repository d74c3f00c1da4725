using System.Buffers.Binary;

namespace OasisEth.Executor;

/// <summary>
/// The disk cache of what a fork read from its remote node: an append-only file of records
/// <c>kind (1 byte) ‖ key length (2, big-endian) ‖ key ‖ value length (4) ‖ value</c>. The values are the remote's
/// state at the fork block, which never changes, so a record is never rewritten or deleted; a restart of the forked
/// node reads the file back and asks the remote nothing it already asked. A record cut short by a crash is dropped
/// (the file is truncated back to the last whole record) and simply fetched again.
/// </summary>
public sealed class ForkCacheFile : IDisposable
{
    public const string FileName = "fork-cache.bin";

    private readonly FileStream _file;
    private readonly Lock _lock = new();

    private ForkCacheFile(FileStream file) => _file = file;

    /// <summary>Opens (or creates) the cache and hands every whole record to <paramref name="load"/>, in file order.</summary>
    public static ForkCacheFile Open(string path, Action<byte, byte[], byte[]> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            long good = ReadAll(file, load);
            if (good != file.Length) file.SetLength(good);
            file.Seek(0, SeekOrigin.End);
            return new ForkCacheFile(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static long ReadAll(FileStream file, Action<byte, byte[], byte[]> load)
    {
        var header = new byte[3];
        var length = new byte[4];
        long good = 0;
        file.Seek(0, SeekOrigin.Begin);
        while (true)
        {
            if (file.ReadAtLeast(header, 3, throwOnEndOfStream: false) < 3) return good;
            var key = new byte[BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(1))];
            if (file.ReadAtLeast(key, key.Length, throwOnEndOfStream: false) < key.Length) return good;
            if (file.ReadAtLeast(length, 4, throwOnEndOfStream: false) < 4) return good;
            uint valueLength = BinaryPrimitives.ReadUInt32BigEndian(length);
            if (valueLength > file.Length - file.Position) return good;
            var value = new byte[valueLength];
            if (file.ReadAtLeast(value, value.Length, throwOnEndOfStream: false) < value.Length) return good;
            load(header[0], key, value);
            good = file.Position;
        }
    }

    /// <summary>Appends records in one write (flushed to the OS, not fsynced: a lost tail is only refetched).</summary>
    public void Append(IReadOnlyList<(byte Kind, byte[] Key, byte[] Value)> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) return;
        int size = 0;
        foreach (var r in records) size += 7 + r.Key.Length + r.Value.Length;
        var buffer = new byte[size];
        int at = 0;
        foreach (var (kind, key, value) in records)
        {
            buffer[at] = kind;
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(at + 1), checked((ushort)key.Length));
            key.CopyTo(buffer, at + 3);
            at += 3 + key.Length;
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(at), (uint)value.Length);
            value.CopyTo(buffer, at + 4);
            at += 4 + value.Length;
        }
        lock (_lock)
        {
            _file.Write(buffer);
            _file.Flush();
        }
    }

    public void Dispose()
    {
        lock (_lock) _file.Dispose();
    }
}
