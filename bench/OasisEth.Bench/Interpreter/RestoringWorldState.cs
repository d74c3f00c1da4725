using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Bench.Interpreter;

/// <summary>
/// An <see cref="InMemoryWorldState"/> whose <see cref="CommitTransaction"/> rolls the transaction back instead,
/// so the same transaction (same nonce, same balances, same storage) can be executed again and again.
/// </summary>
/// <remarks>
/// Why a wrapper rather than <c>TakeSnapshot</c>/<c>Restore</c> around the call: the processor starts and ends
/// every transaction with <see cref="IWorldState.BeginTransaction"/> and <see cref="IWorldState.CommitTransaction"/>,
/// and both clear the journal, so a snapshot taken outside the transaction is gone by the time it would be
/// restored. Inside the transaction the journal is intact: <c>Restore(0)</c> just before the commit undoes every
/// change it made (balances, nonce, storage, warm marks, touches, logs), which is exactly what a reverted
/// transaction relies on. Re-creating the pre-state instead would allocate accounts and dictionaries on every
/// call and show up in the Allocated column as if the interpreter did it.
/// The cost is one more interface hop per state access, negligible for these compute-bound contracts.
/// </remarks>
public sealed class RestoringWorldState(InMemoryWorldState inner) : IWorldState
{
    public InMemoryWorldState Inner { get; } = inner;

    public void CommitTransaction(bool deleteTouchedEmpty)
    {
        Inner.Restore(0);
        // Nothing is left to delete or fold; this only empties the per-transaction sets, as a real commit would.
        Inner.CommitTransaction(deleteTouchedEmpty);
    }

    public void BeginTransaction() => Inner.BeginTransaction();
    public bool Exists(in Address address) => Inner.Exists(address);
    public bool IsDead(in Address address) => Inner.IsDead(address);
    public UInt256 GetBalance(in Address address) => Inner.GetBalance(address);
    public ulong GetNonce(in Address address) => Inner.GetNonce(address);
    public byte[] GetCode(in Address address) => Inner.GetCode(address);
    public Hash256 GetCodeHash(in Address address) => Inner.GetCodeHash(address);
    public bool HasStorage(in Address address) => Inner.HasStorage(address);
    public void AddBalance(in Address address, in UInt256 amount) => Inner.AddBalance(address, amount);
    public void SubtractBalance(in Address address, in UInt256 amount) => Inner.SubtractBalance(address, amount);
    public void Touch(in Address address) => Inner.Touch(address);
    public void SetNonce(in Address address, ulong nonce) => Inner.SetNonce(address, nonce);
    public void IncrementNonce(in Address address) => Inner.IncrementNonce(address);
    public void SetCode(in Address address, byte[] code) => Inner.SetCode(address, code);
    public void CreateContractAccount(in Address address) => Inner.CreateContractAccount(address);
    public bool IsCreatedInTransaction(in Address address) => Inner.IsCreatedInTransaction(address);
    public UInt256 GetStorage(in Address address, in UInt256 key) => Inner.GetStorage(address, key);
    public UInt256 GetOriginalStorage(in Address address, in UInt256 key) => Inner.GetOriginalStorage(address, key);
    public void SetStorage(in Address address, in UInt256 key, in UInt256 value) => Inner.SetStorage(address, key, value);
    public UInt256 AccessStorage(in Address address, in UInt256 key, out bool wasCold) => Inner.AccessStorage(address, key, out wasCold);
    public void WriteStorage(in Address address, in UInt256 key, in UInt256 value, out UInt256 present, out UInt256 original) =>
        Inner.WriteStorage(address, key, value, out present, out original);
    public UInt256 GetTransientStorage(in Address address, in UInt256 key) => Inner.GetTransientStorage(address, key);
    public void SetTransientStorage(in Address address, in UInt256 key, in UInt256 value) => Inner.SetTransientStorage(address, key, value);
    public bool WarmUpAccount(in Address address) => Inner.WarmUpAccount(address);
    public bool WarmUpStorage(in Address address, in UInt256 key) => Inner.WarmUpStorage(address, key);
    public bool IsWarm(in Address address) => Inner.IsWarm(address);
    public void AddLog(LogEntry log) => Inner.AddLog(log);
    public IReadOnlyList<LogEntry> Logs => Inner.Logs;
    public void MarkSelfDestructed(in Address address) => Inner.MarkSelfDestructed(address);
    public bool IsSelfDestructed(in Address address) => Inner.IsSelfDestructed(address);
    public int TakeSnapshot() => Inner.TakeSnapshot();
    public void Restore(int snapshot) => Inner.Restore(snapshot);
}
