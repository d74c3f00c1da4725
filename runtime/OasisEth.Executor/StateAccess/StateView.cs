using OasisEth.State.Mkvs;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// <see cref="IStateView"/> over the tree of one kept round, loading nodes from the store on demand. The tree is
/// not thread-safe, so reads take a lock (a view is meant for one request; the lock makes sharing it safe).
/// A node pruned away while the view reads turns into <see cref="StateUnavailableException"/>.
/// </summary>
internal sealed class StateView(ulong blockNumber, OasisEth.State.IStateReader tree, StateEdits? edits = null) : IStateView
{
    /// <summary>The tree, with the pending dev edits over it when this is the head's state and there are some.</summary>
    private readonly OasisEth.State.IStateReader _reader = edits is null
        ? tree
        : new EditedStateReader(tree, edits);
    private readonly Lock _lock = new();

    public ulong BlockNumber { get; } = blockNumber;

    public UInt256 GetBalance(Address address)
    {
        lock (_lock) return Guard(() => _reader.TryGetAccount(address, out var a) ? a.Balance : UInt256.Zero);
    }

    public ulong GetNonce(Address address)
    {
        lock (_lock) return Guard(() => _reader.TryGetAccount(address, out var a) ? a.Nonce : 0UL);
    }

    public byte[] GetCode(Address address)
    {
        lock (_lock)
        {
            return Guard(() => _reader.TryGetAccount(address, out var a) && a.CodeHash != Hash256.EmptyCode
                ? _reader.GetCode(a.CodeHash)
                : []);
        }
    }

    public UInt256 GetStorage(Address address, UInt256 slot)
    {
        lock (_lock) return Guard(() => _reader.GetStorage(address, slot));
    }

    private T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (MkvsException e)
        {
            throw new StateUnavailableException($"The state of block {BlockNumber} is no longer available ({e.Message}).");
        }
        catch (ForkRemoteException e)
        {
            throw new StateUnavailableException($"The state of block {BlockNumber}: {e.Message}");
        }
    }
}
