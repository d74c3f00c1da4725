using OasisEth.Primitives;

namespace OasisEth.State;

/// <summary>
/// One account of <see cref="InMemoryWorldState"/>. A class so the journal can hold a whole previous account
/// (CREATE over an existing address restores it by reference) and so hot paths mutate in place after one lookup.
/// </summary>
internal sealed class Account
{
    public ulong Nonce;
    public UInt256 Balance;

    /// <summary>Current and original value per slot in one entry, so SLOAD, SSTORE and the EIP-2200 original
    /// lookup each cost one dictionary probe. A slot set to zero keeps its entry (its original may be non-zero).</summary>
    public readonly Dictionary<UInt256, StorageSlot> Storage;

    private byte[] _code = [];
    private Hash256 _codeHash = Hash256.EmptyCode;
    private bool _codeHashValid = true;

    /// <summary>Non-null while the code is known only by its hash (an account read from an <see cref="IStateReader"/>):
    /// most accounts a block reads are never called, so their code is fetched on first use.</summary>
    private InMemoryWorldState? _codeSource;

    /// <summary>Set on the first EIP-161 touch in a transaction so later touches skip the touched-set lookup.
    /// Invariant: true only while the address is in the world state's touched set.</summary>
    public bool Touched;

    // ---- block-level change tracking (see InMemoryWorldState.Changes.cs) ----------------------------

    /// <summary>Set with the address's entry in the world state's dirty set, so later writes skip the set.</summary>
    public bool Dirty;

    /// <summary>This object is the account the block started from (read from the backend, or left by the last
    /// CollectChanges), so its storage continues the base storage; a re-created account is a new object with
    /// this false, whose whole storage is in <see cref="Storage"/>.</summary>
    public bool IsBase;

    /// <summary>Slots missing from <see cref="Storage"/> are read from the backend (a base account with storage there).
    /// Such accounts keep zero entries after a commit: dropping them would make the next read fetch a stale value.</summary>
    public bool LoadsStorage;

    /// <summary>Slots of a base account that changed value in some transaction of the block; filled when a
    /// transaction commits, so SSTORE itself pays nothing for it.</summary>
    public HashSet<UInt256>? DirtySlots;

    public Account() => Storage = [];

    public Account(int storageCapacity) => Storage = new Dictionary<UInt256, StorageSlot>(storageCapacity);

    /// <summary>An account read from a backend: code fetched through <paramref name="codeSource"/> on first use.</summary>
    public Account(in AccountData data, InMemoryWorldState codeSource)
    {
        Storage = [];
        Nonce = data.Nonce;
        Balance = data.Balance;
        IsBase = true;
        LoadsStorage = data.HasStorage;
        if (data.CodeHash != Hash256.EmptyCode)
        {
            _codeHash = data.CodeHash;
            _codeSource = codeSource;
        }
    }

    public byte[] Code
    {
        get => _codeSource is null ? _code : LoadCode();
        set
        {
            _code = value;
            _codeSource = null;
            _codeHashValid = value.Length == 0;
            _codeHash = Hash256.EmptyCode;
        }
    }

    private byte[] LoadCode()
    {
        _code = _codeSource!.LoadCode(_codeHash);
        _codeSource = null;
        return _code;
    }

    /// <summary>keccak256(code), hashed once per code change; EXTCODEHASH and the state root read it.</summary>
    public Hash256 CodeHash
    {
        get
        {
            if (!_codeHashValid)
            {
                _codeHash = Keccak.Compute(_code);
                _codeHashValid = true;
            }
            return _codeHash;
        }
    }

    /// <summary>EIP-161 empty: nonce 0, balance 0, no code.</summary>
    public bool IsEmpty => Nonce == 0 && Balance.IsZero && _code.Length == 0 && _codeSource is null;

    public bool HasNonZeroStorage()
    {
        foreach (var slot in Storage.Values)
        {
            if (!slot.Current.IsZero || !slot.Original.IsZero) return true;
        }
        return false;
    }
}
