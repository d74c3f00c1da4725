using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.State.Mkvs;

namespace OasisEth.Executor;

/// <summary>Reads one raw key of the local state (a tree, or the store's latest-state index); null when absent.</summary>
public delegate byte[]? RawStateRead(ReadOnlySpan<byte> key);

/// <summary>
/// A forked chain's state: its own (the local tree, written by its blocks and edits) over the remote's at the fork
/// block (<see cref="ForkSource"/>). A key the chain wrote is read locally, whatever its value, zero and deletion
/// included (the <see cref="ForkShadow"/> marks say which it wrote); any other key is the remote's. An account the
/// remote lacks reads as absent. A remote contract is reported as having storage (the remote does not say, and
/// reading a slot that is zero costs one request, while skipping one that is not would be wrong); a remote account
/// without code as having none.
/// </summary>
public sealed class ForkStateReader(IStateReader local, RawStateRead raw, ForkSource remote) : IStateReader
{
    public bool TryGetAccount(in Address address, out AccountData account)
    {
        byte flags = Flags(address);
        if (local.TryGetAccount(address, out account))
        {
            if (!account.HasStorage && (flags & ForkShadow.StorageLocal) == 0 && account.CodeHash != Hash256.EmptyCode)
                account = account with { HasStorage = true };
            return true;
        }
        if ((flags & ForkShadow.AccountLocal) != 0) return false;
        if (!remote.TryGetAccount(address, out RemoteAccount found)) return false;
        account = new AccountData(found.Nonce, found.Balance, found.CodeHash, found.CodeHash != Hash256.EmptyCode);
        return true;
    }

    public UInt256 GetStorage(in Address address, in UInt256 slot)
    {
        if (raw(StateSchema.StorageKey(address, slot)) is { } value) return StateSchema.DecodeStorageValue(value);
        if (raw(ForkShadow.SlotKey(address, slot)) is not null) return UInt256.Zero;
        if ((Flags(address) & ForkShadow.StorageLocal) != 0) return UInt256.Zero;
        return remote.GetStorage(address, slot);
    }

    public byte[] GetCode(in Hash256 codeHash) =>
        raw(StateSchema.CodeKey(codeHash)) ?? remote.TryGetCode(codeHash)
        ?? throw new InvalidDataException($"Neither the local state nor the fork's remote has code {codeHash}.");

    private byte Flags(in Address address) => raw(ForkShadow.AccountKey(address)) is [var flags] ? flags : (byte)0;
}
