using OasisEth.Primitives;

namespace OasisEth.State.Mkvs.Tests;

/// <summary>
/// The MKVS key set a state should be stored as, built from a self-contained state's <see cref="InMemoryWorldState.Dump"/>
/// straight through <see cref="StateSchema"/>, without the world state's change tracking or the writer: the oracle
/// for "the incremental tree equals a fresh build of the final state". Code blobs are never deleted, so the set
/// carries every code seen at a block end.
/// </summary>
internal sealed class ExpectedKeySet
{
    private readonly SortedDictionary<Hash256, byte[]> _codes = [];

    /// <summary>Entries for the state as it is now; records its code blobs for later blocks.</summary>
    public List<KeyValuePair<byte[], byte[]>> Build(InMemoryWorldState reference)
    {
        var entries = new List<KeyValuePair<byte[], byte[]>>();
        foreach (InMemoryWorldState.AccountDump account in reference.Dump())
        {
            Hash256 codeHash = account.Code.Length == 0 ? Hash256.EmptyCode : Keccak.Compute(account.Code);
            if (account.Code.Length != 0) _codes[codeHash] = account.Code;
            entries.Add(new(StateSchema.AccountKey(account.Address), StateSchema.EncodeAccount(account.Nonce, account.Balance, codeHash)));
            foreach (KeyValuePair<UInt256, UInt256> slot in account.Storage)
                entries.Add(new(StateSchema.StorageKey(account.Address, slot.Key), StateSchema.EncodeStorageValue(slot.Value)));
        }
        foreach (KeyValuePair<Hash256, byte[]> code in _codes) entries.Add(new(StateSchema.CodeKey(code.Key), code.Value));
        return entries;
    }
}
