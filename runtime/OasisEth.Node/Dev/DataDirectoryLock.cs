using OasisEth.Executor;
using OasisEth.Store.Rocks;

namespace OasisEth.Node.Dev;

/// <summary>
/// The dev node's hold on its data directory, taken before anything in it is read or deleted and kept until the
/// chain is closed. RocksDB's own lock (<c>store/LOCK</c>) cannot serve: <c>--reset</c> must know the directory is
/// free before it deletes the store, and the store's lock file is inside what it deletes. The lock is an exclusive
/// advisory lock on <see cref="FileName"/> (.NET's <see cref="FileShare.None"/> is flock(2) on Unix), released by
/// the kernel when the process ends however it ends, so a kill -9 never leaves a stale lock.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    /// <summary>The lock file in the data directory (kept on disk: deleting it would race with the next taker).</summary>
    public const string FileName = "node.lock";

    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    /// <summary>Creates the directory when missing and locks it; null with the reason when another node uses it.</summary>
    public static DataDirectoryLock? TryAcquire(string dataDirectory, out string? refusal)
    {
        Directory.CreateDirectory(dataDirectory);
        FileStream file;
        try
        {
            file = new FileStream(Path.Combine(dataDirectory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            refusal = $"the data directory '{dataDirectory}' is in use by another oasis-eth process (stop it, or use another --datadir)";
            return null;
        }
        refusal = null;
        return new DataDirectoryLock(file);
    }

    private static string? StoreInUse(string storeDirectory)
    {
        if (!Directory.Exists(storeDirectory)) return null;
        try
        {
            NodeStore.Open(storeDirectory).Dispose();
            return null;
        }
        catch (NodeStoreException e) when (e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            return e.Message;
        }
        catch (NodeStoreException)
        {
            // Damaged or foreign: not a lock; Chain.Open reports it (or --reset replaces it).
            return null;
        }
    }

    /// <summary>--reset: deletes what the node created (the store), never other files in the directory. Called
    /// with the lock held, so no node can be using the store.</summary>
    public bool DeleteChain(out string deleted, out string? error)
    {
        string dataDirectory = Path.GetDirectoryName(_file.Name)!;
        deleted = Path.Combine(dataDirectory, Chain.StoreDirectoryName);
        error = null;
        if (!Directory.Exists(deleted)) return true;
        // A node of an older version holds only RocksDB's lock, not ours: opening the store once finds it.
        if (StoreInUse(deleted) is { } reason)
        {
            error = $"the store is in use by another oasis-eth process ({reason})";
            return false;
        }
        try
        {
            Directory.Delete(deleted, recursive: true);
            // A fork's point and cache belong to the deleted chain (a new fork may be of another block).
            string fork = Path.Combine(dataDirectory, ForkSource.DirectoryName);
            if (Directory.Exists(fork)) Directory.Delete(fork, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            return false;
        }
    }

    public void Dispose() => _file.Dispose();
}
