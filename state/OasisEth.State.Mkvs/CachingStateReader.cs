using OasisEth.Primitives;

namespace OasisEth.State.Mkvs;

/// <summary>
/// An <see cref="IStateReader"/> for the latest committed state that keeps decoded accounts (absent ones
/// included), slot values (zero included) and code blobs in bounded LRU caches in front of a backend reader,
/// and is brought forward by each committed block's <see cref="BlockChanges"/> (<see cref="Apply"/>): the
/// accounts and slots a block wrote are updated in place, not dropped, so the next block reads its hot state
/// from memory instead of walking the tree or reaching the database. Exact: every answer equals what the
/// backend would give (differential tests against the plain reader over random blocks). Only for the latest
/// state: reads of an older round go to a plain <see cref="MkvsStateReader"/> over that round's tree.
/// Not thread-safe (like every <see cref="IStateReader"/>: one block at a time).
/// </summary>
/// <remarks>
/// Protocol: open each block's world state over this reader; once the block's changes are in the backend
/// (applied to the tree and committed), call <see cref="Apply"/> with the same changes — and, if the next block
/// reads through a new backend object, pass it. A block that is discarded needs nothing (the cache still
/// matches the unchanged backend). After anything else moves the backend (a rollback, a state sync) call
/// <see cref="Clear"/>.
/// </remarks>
public sealed class CachingStateReader : IStateReader
{
    /// <summary>Default bounds: 256k accounts (~30 MiB), 1M slots (~110 MiB), 64 MiB of code.</summary>
    public const int DefaultMaxAccounts = 1 << 18;
    public const int DefaultMaxSlots = 1 << 20;
    public const long DefaultMaxCodeBytes = 64L << 20;

    /// <summary>Wiped addresses remembered (see <see cref="_incarnations"/>) before the slot cache is reset.</summary>
    private const int MaxIncarnations = 1 << 16;

    private readonly LruCache<Address, CachedAccount> _accounts;
    private readonly LruCache<SlotKey, CachedSlot> _slots;
    private readonly LruCache<Hash256, byte[]> _code;

    /// <summary>
    /// How many times each wiped address had its storage wiped since the slot cache was last reset. A cached slot
    /// is valid only while its address's count is the one it was read under, so a wipe invalidates all of an
    /// account's cached slots in O(1) instead of a scan. Wipes are rare (self-destructs of existing accounts,
    /// CREATE over leftover storage); the map is bounded by resetting the slot cache with it.
    /// </summary>
    private readonly Dictionary<Address, uint> _incarnations = [];

    private IStateReader _backend;
    private long _hits;
    private long _misses;

    public CachingStateReader(IStateReader backend, int maxAccounts = DefaultMaxAccounts, int maxSlots = DefaultMaxSlots,
        long maxCodeBytes = DefaultMaxCodeBytes)
    {
        _backend = backend ?? throw new ArgumentNullException(nameof(backend));
        _accounts = new LruCache<Address, CachedAccount>(maxAccounts);
        _slots = new LruCache<SlotKey, CachedSlot>(maxSlots);
        _code = new LruCache<Hash256, byte[]>(int.MaxValue, maxCodeBytes);
    }

    /// <summary>The reader misses go to.</summary>
    public IStateReader Backend => _backend;

    /// <summary>Reads answered from memory and reads passed to the backend, since construction.</summary>
    public (long Hits, long Misses) Stats => (_hits, _misses);

    /// <summary>Entries cached now: accounts, slots, code blobs.</summary>
    public (int Accounts, int Slots, int Code) Counts => (_accounts.Count, _slots.Count, _code.Count);

    public bool TryGetAccount(in Address address, out AccountData account)
    {
        if (_accounts.TryGet(address, out var cached) && cached.Storage != StorageState.Unknown)
        {
            _hits++;
            account = cached.ToData();
            return cached.Exists;
        }
        // Not cached, or cached with its storage flag unknown (a block zeroed slots of it): ask the backend once.
        _misses++;
        bool exists = _backend.TryGetAccount(address, out account);
        _accounts.Set(address, exists ? CachedAccount.From(account) : CachedAccount.Absent);
        return exists;
    }

    public UInt256 GetStorage(in Address address, in UInt256 slot)
    {
        var key = new SlotKey(address, slot);
        uint incarnation = IncarnationOf(address);
        if (_slots.TryGet(key, out var cached) && cached.Incarnation == incarnation)
        {
            _hits++;
            return cached.Value;
        }
        _misses++;
        UInt256 value = _backend.GetStorage(address, slot);
        _slots.Set(key, new CachedSlot(value, incarnation));
        return value;
    }

    public byte[] GetCode(in Hash256 codeHash)
    {
        if (_code.TryGet(codeHash, out var code))
        {
            _hits++;
            return code;
        }
        _misses++;
        code = _backend.GetCode(codeHash);
        _code.Set(codeHash, code, Math.Max(code.Length, 1));
        return code;
    }

    /// <summary>
    /// Brings the caches forward over a committed block: call once the backend reflects
    /// <paramref name="changes"/> (and pass <paramref name="backend"/> if later reads go through another
    /// reader object). Accounts and slots the block wrote are updated, wiped storage is invalidated, new code
    /// is added; everything else stays cached.
    /// </summary>
    public void Apply(BlockChanges changes, IStateReader? backend = null)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (backend is not null) _backend = backend;

        // 1. Wipes: the account's old slots all read zero now; its storage flag is "none" until slots below.
        if (changes.StorageWipes.Count > 0 && _incarnations.Count + changes.StorageWipes.Count > MaxIncarnations)
        {
            _slots.Clear();
            _incarnations.Clear();
        }
        for (int i = 0; i < changes.StorageWipes.Count; i++)
        {
            var address = changes.StorageWipes[i];
            _incarnations[address] = IncarnationOf(address) + 1;
            ref var account = ref _accounts.Peek(address, out bool found);
            if (found && account.Exists) account.Storage = StorageState.None;
        }

        // 2. Deleted accounts read as absent.
        for (int i = 0; i < changes.Deleted.Count; i++) _accounts.Set(changes.Deleted[i], CachedAccount.Absent);

        // 3. Updated accounts: new fields; the storage flag carries over from the cached entry (or is "none"
        //    after a wipe, else unknown: an account not cached, or absent before, may have leftover slots).
        for (int i = 0; i < changes.Accounts.Count; i++)
        {
            var update = changes.Accounts[i];
            ref var account = ref _accounts.Peek(update.Address, out bool found);
            StorageState storage = found && account.Exists ? account.Storage
                : WipedIn(changes, update.Address) ? StorageState.None : StorageState.Unknown;
            _accounts.Set(update.Address, new CachedAccount(true, storage, update.Nonce, update.Balance, update.CodeHash));
        }

        // 4. Code blobs never change under their hash.
        for (int i = 0; i < changes.Code.Count; i++)
        {
            var blob = changes.Code[i];
            _code.Set(blob.Hash, blob.Code, Math.Max(blob.Code.Length, 1));
        }

        // 5. Slots, sorted by address: cache each new value; fix the account's storage flag per address — any
        //    non-zero write means "has storage"; only zero writes on an account that had storage leave it unknown
        //    (it may have been the last slot).
        var storageList = changes.Storage;
        for (int i = 0; i < storageList.Count;)
        {
            Address address = storageList[i].Address;
            uint incarnation = IncarnationOf(address);
            bool anyNonZero = false;
            for (; i < storageList.Count && storageList[i].Address == address; i++)
            {
                var change = storageList[i];
                _slots.Set(new SlotKey(address, change.Slot), new CachedSlot(change.Value, incarnation));
                anyNonZero |= !change.Value.IsZero;
            }
            ref var account = ref _accounts.Peek(address, out bool found);
            if (!found || !account.Exists) continue;
            if (anyNonZero) account.Storage = StorageState.Some;
            else if (account.Storage == StorageState.Some) account.Storage = StorageState.Unknown;
        }
    }

    /// <summary>Forgets everything (after a rollback or any change of the backend not described by <see cref="Apply"/>).</summary>
    public void Clear()
    {
        _accounts.Clear();
        _slots.Clear();
        _code.Clear();
        _incarnations.Clear();
    }

    private uint IncarnationOf(in Address address) =>
        _incarnations.Count != 0 && _incarnations.TryGetValue(address, out uint n) ? n : 0;

    private static bool WipedIn(BlockChanges changes, in Address address)
    {
        // Sorted: binary search.
        var wipes = changes.StorageWipes;
        int lo = 0, hi = wipes.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = wipes[mid].CompareTo(address);
            if (c == 0) return true;
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        return false;
    }

    private enum StorageState : byte { None, Some, Unknown }

    private struct CachedAccount(bool exists, StorageState storage, ulong nonce, UInt256 balance, Hash256 codeHash)
    {
        public readonly bool Exists = exists;
        public StorageState Storage = storage;
        public readonly ulong Nonce = nonce;
        public readonly UInt256 Balance = balance;
        public readonly Hash256 CodeHash = codeHash;

        public static CachedAccount Absent => new(false, StorageState.None, 0, default, default);

        public static CachedAccount From(in AccountData a) =>
            new(true, a.HasStorage ? StorageState.Some : StorageState.None, a.Nonce, a.Balance, a.CodeHash);

        public readonly AccountData ToData() =>
            Exists ? new AccountData(Nonce, Balance, CodeHash, Storage == StorageState.Some) : default;
    }

    private readonly struct CachedSlot(UInt256 value, uint incarnation)
    {
        public readonly UInt256 Value = value;
        public readonly uint Incarnation = incarnation;
    }

    private readonly struct SlotKey(Address address, UInt256 slot) : IEquatable<SlotKey>
    {
        private readonly Address _address = address;
        private readonly UInt256 _slot = slot;

        public bool Equals(SlotKey other) => _slot.Equals(other._slot) && _address.Equals(other._address);
        public override bool Equals(object? obj) => obj is SlotKey other && Equals(other);
        public override int GetHashCode() => HashCode.Combine(_address.GetHashCode(), _slot.GetHashCode());
    }
}
