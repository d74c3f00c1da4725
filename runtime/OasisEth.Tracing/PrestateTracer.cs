using System.Text.Json;
using OasisEth.Evm;
using OasisEth.Evm.Tracing;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.Transactions;

namespace OasisEth.Tracing;

/// <summary>
/// geth's <c>prestateTracer</c>: every account and slot the transaction touched, as they were before it ran; with
/// <c>diffMode</c>, <c>{pre, post}</c> holding only what changed (post: only the changed fields; a deleted account
/// only in pre, a created one only in post; zero-valued slots left out of both sides).
/// </summary>
/// <remarks>
/// An account is read the first time the transaction touches it, before the touch changes it: the sender, recipient
/// (or created address) and coinbase before the fee is taken; a callee at its frame's start, before the value moves;
/// BALANCE and EXTCODE* targets after the instruction, which changes nothing. A SELFDESTRUCT frame is reported after
/// the balance moved, so a beneficiary first seen there is read with the moved value taken back off. Slots are read
/// with <see cref="IWorldState.GetOriginalStorage"/>: the value at the transaction's start whenever they are touched.
/// </remarks>
public sealed class PrestateTracer(PrestateTracerOptions? options = null, CancellationToken cancellation = default) : IJsonTracer, IStateTracer
{
    private readonly PrestateTracerOptions _options = options ?? new PrestateTracerOptions();
    private readonly SortedDictionary<Address, PrestateAccount> _pre = [];
    private readonly SortedDictionary<Address, PrestateAccount> _post = [];
    private readonly HashSet<Address> _created = [];
    private readonly List<AccountChange> _changes = [];
    private IWorldState? _state;
    private Address _sender, _recipient;

    public TraceOptions Options => TraceOptions.Steps | TraceOptions.Storage | TraceOptions.Calls;

    /// <summary>The accounts as they were (in diff mode, after the transaction: only those that changed).</summary>
    public IReadOnlyDictionary<Address, PrestateAccount> Pre => _pre;

    /// <summary>Diff mode: the changed fields of the changed accounts after the transaction.</summary>
    public IReadOnlyDictionary<Address, PrestateAccount> Post => _post;

    /// <summary>Diff mode: every changed account with its values before and after and each changed slot (zeros
    /// included), in address order: what Parity's <c>stateDiff</c> is written from.</summary>
    public IReadOnlyList<AccountChange> Changes => _changes;

    public void OnTransactionState(IWorldState state, BlockContext block, Transaction tx)
    {
        _state = state;
        _sender = tx.Sender;
        _recipient = tx.To ?? ContractAddress.FromCreate(tx.Sender, state.GetNonce(tx.Sender));
        Touch(_sender);
        Touch(_recipient);
        Touch(block.Coinbase);
        if (tx.To is null) _created.Add(_recipient);
    }

    public void OnEnter(in CallFrameEnter frame)
    {
        cancellation.ThrowIfCancellationRequested();
        if (_state is null) return;
        Touch(frame.From);
        if (frame.Type == TraceCallType.SelfDestruct)
        {
            // Reported after the instruction moved the balance: take it back off for a first sight.
            if (!_pre.ContainsKey(frame.To) && frame.To != frame.From) Touch(frame.To, frame.Value);
            return;
        }
        Touch(frame.To);
        if (frame.Type.IsCreate()) _created.Add(frame.To);
    }

    public void OnStep(int pc, Opcode opcode, long gas, long gasCost, long memorySize, ReadOnlySpan<UInt256> stack, int depth, long refund)
    {
        if (_state is null || stack.IsEmpty) return;
        if (opcode is Opcode.BALANCE or Opcode.EXTCODESIZE or Opcode.EXTCODECOPY or Opcode.EXTCODEHASH)
            Touch(Address.FromWord(in stack[^1]));
    }

    public void OnStepDetail(in StepDetail detail)
    {
        if (_state is null || !detail.HasStorage || _options.DisableStorage) return;
        PrestateAccount account = Touch(detail.Contract);
        if (!account.Storage.ContainsKey(detail.StorageKey))
            account.Storage[detail.StorageKey] = _state.GetOriginalStorage(detail.Contract, detail.StorageKey);
    }

    private PrestateAccount Touch(in Address address, UInt256 arrivedSinceStart = default)
    {
        if (_pre.TryGetValue(address, out var known)) return known;
        var account = new PrestateAccount
        {
            Exists = _state!.Exists(address),
            Balance = _state.GetBalance(address) - arrivedSinceStart,
            Nonce = _state.GetNonce(address),
            Code = _options.DisableCode ? null : _state.GetCode(address),
        };
        _pre[address] = account;
        return account;
    }

    public void OnTransactionCommitted(IWorldState state)
    {
        if (_options.DiffMode) BuildDiff(state);
        // A created contract that did not exist before has no prestate (geth's rule; one made at a pre-funded
        // address keeps its entry). In diff mode it was compared as empty first, so its post shows what it got.
        foreach (Address created in _created)
            if (_pre.TryGetValue(created, out var before) && !before.Exists) _pre.Remove(created);
        _state = null;
    }

    private void BuildDiff(IWorldState state)
    {
        var unchanged = new List<Address>();
        foreach (var (address, pre) in _pre)
        {
            bool exists = state.Exists(address);
            if (!exists && !pre.Exists)
            {
                unchanged.Add(address); // never there: a touch of an empty address
                continue;
            }
            if (!exists)
            {
                // Deleted: all of it is in pre, nothing in post.
                var gone = new AccountChange(address, AccountChangeKind.Died, Copy(pre), null);
                foreach (var (slot, value) in pre.Storage) if (!value.IsZero) gone.Slots[slot] = (value, UInt256.Zero);
                _changes.Add(gone);
                DropZeroSlots(pre);
                continue;
            }
            var post = new PrestateAccount { Exists = true };
            bool modified = false;
            UInt256 balance = state.GetBalance(address);
            if (balance != pre.Balance) { post.Balance = balance; modified = true; }
            ulong nonce = state.GetNonce(address);
            if (nonce != pre.Nonce) { post.Nonce = nonce; modified = true; }
            if (!_options.DisableCode)
            {
                byte[] code = state.GetCode(address);
                if (!code.AsSpan().SequenceEqual(pre.Code)) { post.Code = code; modified = true; }
            }
            var after = new PrestateAccount { Exists = true, Balance = balance, Nonce = nonce, Code = _options.DisableCode ? null : state.GetCode(address) };
            var change = new AccountChange(address, pre.Exists ? AccountChangeKind.Changed : AccountChangeKind.Born, Copy(pre), after);
            var sameSlots = new List<UInt256>();
            foreach (var (slot, value) in pre.Storage)
            {
                UInt256 now = state.GetStorage(address, slot);
                if (now == value) { sameSlots.Add(slot); continue; }
                modified = true;
                change.Slots[slot] = (value, now);
                if (!now.IsZero) post.Storage[slot] = now;
            }
            if (modified) _changes.Add(change);
            foreach (UInt256 slot in sameSlots) pre.Storage.Remove(slot);
            DropZeroSlots(pre);
            if (modified) _post[address] = post;
            else unchanged.Add(address);
        }
        foreach (Address address in unchanged) _pre.Remove(address);
    }

    private static PrestateAccount Copy(PrestateAccount a) => new() { Exists = a.Exists, Balance = a.Balance, Nonce = a.Nonce, Code = a.Code };

    private static void DropZeroSlots(PrestateAccount account)
    {
        var zero = new List<UInt256>();
        foreach (var (slot, value) in account.Storage) if (value.IsZero) zero.Add(slot);
        foreach (UInt256 slot in zero) account.Storage.Remove(slot);
    }

    public void OnError(string error) { }

    public void OnTransactionEnd(ReadOnlySpan<byte> output, long gasUsed, string? error) { }

    public void WriteResult(Utf8JsonWriter writer)
    {
        if (!_options.DiffMode)
        {
            WriteAccounts(writer, _pre, post: false);
            return;
        }
        writer.WriteStartObject();
        writer.WritePropertyName("post"u8);
        WriteAccounts(writer, _post, post: true);
        writer.WritePropertyName("pre"u8);
        WriteAccounts(writer, _pre, post: false);
        writer.WriteEndObject();
    }

    private static void WriteAccounts(Utf8JsonWriter writer, SortedDictionary<Address, PrestateAccount> accounts, bool post)
    {
        writer.WriteStartObject();
        foreach (var (address, account) in accounts)
        {
            writer.WriteStartObject(address.ToString());
            if (account.Balance is { } balance) TraceJson.WriteQuantity(writer, "balance"u8, balance);
            if (account.Code is { Length: > 0 } code) TraceJson.WriteBytes(writer, "code"u8, code);
            if (account.Nonce is { } nonce && (nonce != 0 || post)) writer.WriteNumber("nonce"u8, nonce);
            if (account.Storage.Count > 0)
            {
                writer.WriteStartObject("storage"u8);
                foreach (var (slot, value) in account.Storage) TraceJson.WriteWord(writer, slot, value);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
