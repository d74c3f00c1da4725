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

    /// <summary>Set on the first EIP-161 touch in a transaction so later touches skip the touched-set lookup.
    /// Invariant: true only while the address is in the world state's touched set.</summary>
    public bool Touched;

    public Account() => Storage = [];

    public Account(int storageCapacity) => Storage = new Dictionary<UInt256, StorageSlot>(storageCapacity);

    public byte[] Code
    {
        get => _code;
        set
        {
            _code = value;
            _codeHashValid = value.Length == 0;
            _codeHash = Hash256.EmptyCode;
        }
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
    public bool IsEmpty => Nonce == 0 && Balance.IsZero && _code.Length == 0;

    public bool HasNonZeroStorage()
    {
        foreach (var slot in Storage.Values)
        {
            if (!slot.Current.IsZero || !slot.Original.IsZero) return true;
        }
        return false;
    }
}
