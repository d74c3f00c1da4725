using System.Collections.Concurrent;
using System.Collections.Immutable;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.State.Mkvs;

namespace OasisEth.Executor;

/// <summary>Dev cheats (<see cref="IDevChain"/>): pending state edits overlaid on head reads and written by the next
/// round; impersonation; the next base fee. docs/executor.md, "Dev state edits".</summary>
public sealed partial class Chain : IDevChain
{
    /// <summary>Edits over <see cref="StateEdits.BaseNumber"/>'s state; replaced (never mutated) under the write lock.</summary>
    private volatile StateEdits? _edits;
    private readonly ConcurrentDictionary<Address, bool> _impersonated = new();
    private volatile bool _autoImpersonate;
    private volatile BaseFeeBox? _nextBaseFee;

    private volatile CoinbaseBox? _coinbase;

    private sealed record BaseFeeBox(UInt256 Value);

    private sealed record CoinbaseBox(Address Value);

    public Address? Coinbase
    {
        get => _coinbase?.Value;
        set => _coinbase = value is { } v ? new CoinbaseBox(v) : null;
    }

    public StateEdits PendingEdits => EditsFor(_head.Number) ?? StateEdits.Empty(_head.Number);

    public void RestoreEdits(StateEdits edits)
    {
        ArgumentNullException.ThrowIfNull(edits);
        lock (_writeLock)
        {
            if (edits.BaseNumber == _head.Number) _edits = edits;
        }
    }

    /// <summary>The pending edits that apply to reads of block <paramref name="number"/>'s state: only the head's.</summary>
    private StateEdits? EditsFor(ulong number) => _edits is { IsEmpty: false } e && e.BaseNumber == number ? e : null;

    private IStateReader WithEdits(IStateReader reader, ulong number) =>
        EditsFor(number) is { } edits ? new EditedStateReader(reader, edits) : reader;

    public void SetBalance(Address address, UInt256 balance) => Edit(address, (reader, edits) => SetBalanceIn(reader, edits, address, balance));

    public UInt256 AddBalance(Address address, UInt256 amount)
    {
        UInt256 result = UInt256.Zero;
        Edit(address, (reader, edits) =>
        {
            UInt256 old = BalanceOf(reader, address);
            result = UInt256.AddOverflow(old, amount, out UInt256 sum) ? UInt256.MaxValue : sum;
            return SetBalanceIn(reader, edits, address, result);
        });
        return result;
    }

    public void SetNonce(Address address, ulong nonce) => Edit(address, (_, edits) => edits.With(address, e => e with { Nonce = nonce }));

    public void SetCode(Address address, byte[] code)
    {
        ArgumentNullException.ThrowIfNull(code);
        Hash256 hash = code.Length == 0 ? Hash256.EmptyCode : Keccak.Compute(code);
        Edit(address, (_, edits) => edits.With(address, e => e with { Code = code, CodeHash = hash }));
    }

    public void SetStorage(Address address, UInt256 slot, UInt256 value) =>
        Edit(address, (_, edits) => edits.With(address, e => e with { Storage = e.Storage.SetItem(slot, value) }));

    public IReadOnlyList<InMemoryWorldState.AccountDump> DumpAccounts()
    {
        ulong head = _head.Number;
        MkvsTree tree = OpenTreeAt(head);
        // The edits go into this throw-away tree (never committed), so the listing walks one state.
        if (EditsFor(head) is { } edits) WriteEdits(tree, edits);
        IReadOnlyList<InMemoryWorldState.AccountDump> all = MkvsStateDump.Dump(tree);
        var result = new List<InMemoryWorldState.AccountDump>(all.Count);
        foreach (InMemoryWorldState.AccountDump a in all)
            if (!IsSystemAccount(a.Address)) result.Add(a);
        return result;
    }

    public int LoadAccounts(IReadOnlyList<InMemoryWorldState.AccountDump> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        int loaded = 0;
        lock (_writeLock)
        {
            ThrowIfDisposed();
            ulong head = _head.Number;
            StateEdits edits = EditsFor(head) ?? StateEdits.Empty(head);
            IStateReader latest = LatestReader();
            foreach (InMemoryWorldState.AccountDump a in accounts)
            {
                if (IsSystemAccount(a.Address)) continue;
                // Each balance against the state with the edits so far (the ledger's dev slots included).
                edits = SetBalanceIn(new EditedStateReader(latest, edits), edits, a.Address, a.Balance);
                Hash256 codeHash = a.Code.Length == 0 ? Hash256.EmptyCode : Keccak.Compute(a.Code);
                edits = edits.With(a.Address, e =>
                {
                    var storage = e.Storage.ToBuilder();
                    foreach ((UInt256 slot, UInt256 value) in a.Storage) storage[slot] = value;
                    return e with { Nonce = a.Nonce, Code = a.Code, CodeHash = codeHash, Storage = storage.ToImmutable() };
                });
                loaded++;
            }
            _edits = edits;
        }
        return loaded;
    }

    public void Impersonate(Address address) => _impersonated[address] = true;

    public void StopImpersonating(Address address) => _impersonated.TryRemove(address, out _);

    public bool AutoImpersonate
    {
        get => _autoImpersonate;
        set => _autoImpersonate = value;
    }

    public bool IsImpersonated(Address address) => _autoImpersonate || _impersonated.ContainsKey(address);

    public UInt256? NextBaseFeeOverride
    {
        get => _nextBaseFee?.Value;
        set => _nextBaseFee = value is { } v ? new BaseFeeBox(v) : null;
    }

    public UInt256 NextBaseFee
    {
        get
        {
            BlockHeader head = _head;
            return _nextBaseFee?.Value ?? BaseFee.ForBlock(head.Number + 1, Genesis, head);
        }
    }

    /// <summary>One edit against the head's state with the edits so far, under the write lock (so it orders with
    /// rounds and never lands half-way through one).</summary>
    private void Edit(Address address, Func<IStateReader, StateEdits, StateEdits> change)
    {
        RefuseSystemAccount(address);
        lock (_writeLock)
        {
            ThrowIfDisposed();
            ulong head = _head.Number;
            StateEdits current = EditsFor(head) ?? StateEdits.Empty(head);
            _edits = change(new EditedStateReader(LatestReader(), current), current);
        }
    }

    /// <summary>The ledger's bookkeeping lives in these accounts' state and balances (the fee collector's balance is
    /// swept into operator rewards each round): editing them would make the supply figures wrong, not just moved.</summary>
    private static bool IsSystemAccount(in Address address) =>
        address == OethLedger.LedgerAddress || address == OethLedger.FeeCollector || address == OethClaims.Address;

    private static void RefuseSystemAccount(in Address address)
    {
        if (IsSystemAccount(address))
            throw new InvalidOperationException($"{address} is an OETH system account (ledger, fee collector or claims): its state is the supply's bookkeeping and cannot be edited");
    }

    private static UInt256 BalanceOf(IStateReader reader, in Address address) =>
        reader.TryGetAccount(address, out AccountData account) ? account.Balance : UInt256.Zero;

    /// <summary>Sets the balance and records what it created or destroyed in the ledger's dev slots.</summary>
    private static StateEdits SetBalanceIn(IStateReader reader, StateEdits edits, Address address, UInt256 balance)
    {
        UInt256 old = BalanceOf(reader, address);
        edits = edits.With(address, e => e with { Balance = balance });
        if (balance > old) return AddToLedgerSlot(reader, edits, OethSlots.DevMinted, balance - old);
        if (balance < old) return AddToLedgerSlot(reader, edits, OethSlots.DevDestroyed, old - balance);
        return edits;
    }

    private static StateEdits AddToLedgerSlot(IStateReader reader, StateEdits edits, UInt256 slot, UInt256 amount)
    {
        UInt256 total = reader.GetStorage(OethLedger.LedgerAddress, slot) + amount;
        return edits.With(OethLedger.LedgerAddress, e => e with { Storage = e.Storage.SetItem(slot, total) });
    }

    /// <summary>
    /// Writes the pending edits into the round's tree before its first transaction, as one state change of their own
    /// (so the round's burn is measured from the edited balances: the edit's OETH is the ledger's dev figure, never
    /// mistaken for a burn or a mint by the round).
    /// </summary>
    private BlockChanges WriteEdits(MkvsTree tree, StateEdits edits)
    {
        var state = new InMemoryWorldState(TreeReader(tree));
        ApplyEdits(state, edits);
        BlockChanges changes = state.CollectChanges();
        MkvsStateWriter.Apply(tree, changes);
        _forkLayer?.Record(tree, changes);
        return changes;
    }

    /// <summary>The edits as one committed transaction of <paramref name="state"/> (nothing warm afterwards).</summary>
    private static void ApplyEdits(InMemoryWorldState state, StateEdits edits)
    {
        state.BeginTransaction();
        foreach ((Address address, AccountEdit edit) in edits.Accounts)
        {
            state.Touch(address);
            if (edit.Balance is { } balance)
            {
                state.SubtractBalance(address, state.GetBalance(address));
                state.AddBalance(address, balance);
            }
            if (edit.Nonce is { } nonce) state.SetNonce(address, nonce);
            if (edit.Code is { } code) state.SetCode(address, code);
            foreach ((UInt256 slot, UInt256 value) in edit.Storage) state.SetStorage(address, slot, value);
        }
        state.CommitTransaction(deleteTouchedEmpty: false);
    }
}
