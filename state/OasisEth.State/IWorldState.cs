using OasisEth.Primitives;

namespace OasisEth.State;

/// <summary>
/// The world state as the EVM and the transaction processor see it during a block: accounts, storage,
/// transient storage, warm/cold access marks, logs and self-destructs, all journaled so that
/// <see cref="Restore"/> puts back exactly what a reverted call frame touched. Where the state comes from
/// (a dictionary for state tests, RocksDB later) is hidden behind this interface.
/// </summary>
public interface IWorldState
{
    // ---- accounts -------------------------------------------------------------------------------
    /// <summary>True if the account is in the state, even if it is empty (EIP-161 sense).</summary>
    bool Exists(in Address address);

    /// <summary>True if the account does not exist, or exists with nonce 0, balance 0 and no code (EIP-161 "dead").</summary>
    bool IsDead(in Address address);

    UInt256 GetBalance(in Address address);
    ulong GetNonce(in Address address);

    /// <summary>The account's code, or an empty array. The array must not be modified by the caller.</summary>
    byte[] GetCode(in Address address);

    /// <summary>keccak256(code) for an existing account (<see cref="Hash256.EmptyCode"/> when it has none); <see cref="Hash256.Zero"/> for a missing one.</summary>
    Hash256 GetCodeHash(in Address address);

    /// <summary>True if the account has at least one non-zero storage slot (EIP-7610 collision rule).</summary>
    bool HasStorage(in Address address);

    /// <summary>Adds to the balance, creating the account if missing; always touches it (EIP-161), even for zero.</summary>
    void AddBalance(in Address address, in UInt256 amount);

    /// <summary>Subtracts from the balance (caller has checked it suffices); touches the account.</summary>
    void SubtractBalance(in Address address, in UInt256 amount);

    /// <summary>Marks an account touched without changing it, creating nothing (EIP-161: a touched empty account is deleted at the end of the transaction).</summary>
    void Touch(in Address address);

    void SetNonce(in Address address, ulong nonce);
    void IncrementNonce(in Address address);

    void SetCode(in Address address, byte[] code);

    /// <summary>
    /// Makes a fresh contract account at <paramref name="address"/> for CREATE/CREATE2: keeps the balance it
    /// may already hold, clears nonce, code and storage, and records it as created in this transaction
    /// (EIP-6780 lets only such accounts be deleted by SELFDESTRUCT).
    /// </summary>
    void CreateContractAccount(in Address address);

    /// <summary>True if the account was created (by CREATE/CREATE2 or a creation transaction) in the current transaction.</summary>
    bool IsCreatedInTransaction(in Address address);

    // ---- storage --------------------------------------------------------------------------------
    UInt256 GetStorage(in Address address, in UInt256 key);

    /// <summary>The slot's value at the start of the current transaction (EIP-2200/3529 "original value").</summary>
    UInt256 GetOriginalStorage(in Address address, in UInt256 key);

    void SetStorage(in Address address, in UInt256 key, in UInt256 value);

    /// <summary>
    /// SLOAD's question in one call: warms the slot (journaled) and returns its value; <paramref name="wasCold"/> says
    /// whether it was cold. The same as <see cref="WarmUpStorage"/> then <see cref="GetStorage"/>, which is what a
    /// state without a faster way does.
    /// </summary>
    UInt256 AccessStorage(in Address address, in UInt256 key, out bool wasCold)
    {
        wasCold = WarmUpStorage(address, key);
        return GetStorage(address, key);
    }

    /// <summary>
    /// SSTORE's write in one call: sets the slot (journaled) and hands back what the gas rules price, the value just
    /// before the write and the original value (transaction start). Warmth is not touched: see
    /// <see cref="WarmUpStorage"/>. The same as reading both values then <see cref="SetStorage"/>.
    /// </summary>
    void WriteStorage(in Address address, in UInt256 key, in UInt256 value, out UInt256 present, out UInt256 original)
    {
        present = GetStorage(address, key);
        original = GetOriginalStorage(address, key);
        SetStorage(address, key, value);
    }

    /// <summary>EIP-1153 transient storage: cleared at the end of every transaction, journaled like storage.</summary>
    UInt256 GetTransientStorage(in Address address, in UInt256 key);
    void SetTransientStorage(in Address address, in UInt256 key, in UInt256 value);

    // ---- EIP-2929 access sets -------------------------------------------------------------------
    /// <summary>Marks the account warm; returns true if it was cold before the call. Journaled: a revert makes it cold again.</summary>
    bool WarmUpAccount(in Address address);

    /// <summary>Marks the slot warm; returns true if it was cold before the call. Journaled.</summary>
    bool WarmUpStorage(in Address address, in UInt256 key);

    bool IsWarm(in Address address);

    // ---- logs and self-destruct -------------------------------------------------------------------
    void AddLog(LogEntry log);

    /// <summary>Logs emitted so far in the current transaction, in order (reverted frames' logs are gone).</summary>
    IReadOnlyList<LogEntry> Logs { get; }

    /// <summary>Marks the account for deletion at the end of the transaction. Journaled.</summary>
    void MarkSelfDestructed(in Address address);

    bool IsSelfDestructed(in Address address);

    // ---- journal --------------------------------------------------------------------------------
    /// <summary>A checkpoint: the journal's length. Cheap; no copying.</summary>
    int TakeSnapshot();

    /// <summary>Undoes every change made since <paramref name="snapshot"/> was taken.</summary>
    void Restore(int snapshot);

    // ---- transaction lifecycle ------------------------------------------------------------------
    /// <summary>Starts a transaction: empties the access sets, transient storage, logs, created and self-destruct sets, and the journal.</summary>
    void BeginTransaction();

    /// <summary>
    /// Ends a transaction: deletes self-destructed accounts, and, when <paramref name="deleteTouchedEmpty"/>
    /// (Spurious Dragon on), every touched account that is empty; makes the current storage the new
    /// "original" storage; clears the journal.
    /// </summary>
    void CommitTransaction(bool deleteTouchedEmpty);
}
