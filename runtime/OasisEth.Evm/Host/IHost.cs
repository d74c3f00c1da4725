using OasisEth.Primitives;

namespace OasisEth.Evm;

/// <summary>
/// What running code may ask of the world, and nothing more: one interface for every execution engine (the EVM
/// interpreter now, Ewasm's EEI host functions later), so both see the same storage, warmth, logs and environment.
/// Gas is never the host's business: it reports facts (was the slot cold, what class of write was this) and the
/// engine prices them by its fork. Calls and creations are not here either: an engine hands them to the frame loop
/// as a request (<see cref="CallFrame.Request"/>), so nesting never recurses in .NET.
/// </summary>
/// <remarks>
/// Every change made through the host is journaled: when the frame loop reverts a frame, storage, transient storage,
/// logs, balance moves and warm marks (EIP-2929) made in it are undone. The environment (block and transaction) is
/// fixed for one execution.
/// </remarks>
public interface IHost
{
    // ---- environment ----------------------------------------------------------------------------
    /// <summary>The block the transaction runs in (COINBASE, NUMBER, TIMESTAMP, BASEFEE, ...).</summary>
    BlockContext Block { get; }

    /// <summary>The transaction's context (ORIGIN, GASPRICE, BLOBHASH).</summary>
    TxContext Tx { get; }

    /// <summary>BLOCKHASH of <paramref name="number"/>; the caller has checked it is one of the 256 recent blocks.</summary>
    Hash256 GetBlockHash(ulong number);

    // ---- accounts -------------------------------------------------------------------------------
    /// <summary>Marks the account warm (EIP-2929); true if it was cold. Journaled.</summary>
    bool AccessAccount(in Address address);

    /// <summary>True if the account is in the state, even if empty.</summary>
    bool AccountExists(in Address address);

    /// <summary>True if the account is missing or empty (EIP-161: nonce 0, balance 0, no code).</summary>
    bool IsDead(in Address address);

    UInt256 GetBalance(in Address address);

    /// <summary>The account's code (the array must not be modified), empty when it has none.</summary>
    byte[] GetCode(in Address address);

    int GetCodeSize(in Address address);

    /// <summary>EXTCODEHASH (EIP-1052): keccak256 of the code, or zero for a missing or dead account.</summary>
    Hash256 GetCodeHash(in Address address);

    // ---- storage --------------------------------------------------------------------------------
    /// <summary>SLOAD: the slot's value, and whether the slot was cold before (it is warm afterwards; journaled).</summary>
    StorageRead LoadStorage(in Address address, in UInt256 key);

    /// <summary>
    /// SSTORE: writes the slot and classifies the write by its original (transaction start), present and new values,
    /// the facts every net-metering rule (EIP-1283, EIP-2200, EIP-3529) prices; also warms the slot. The engine
    /// charges afterwards: a write it cannot pay for fails the frame, and the frame's revert undoes the write.
    /// </summary>
    StorageWrite StoreStorage(in Address address, in UInt256 key, in UInt256 value);

    /// <summary>TLOAD (EIP-1153).</summary>
    UInt256 LoadTransient(in Address address, in UInt256 key);

    /// <summary>TSTORE (EIP-1153). Journaled.</summary>
    void StoreTransient(in Address address, in UInt256 key, in UInt256 value);

    // ---- logs and self-destruct ------------------------------------------------------------------
    void EmitLog(LogEntry log);

    /// <summary>
    /// SELFDESTRUCT's state change: moves the whole balance of <paramref name="address"/> to
    /// <paramref name="beneficiary"/> and marks the account for deletion, or, when <paramref name="onlyIfCreated"/>
    /// (EIP-6780, Cancun) and the account was not created in this transaction, only moves the balance. Returns true
    /// if the account was not marked before (the pre-London refund is paid once per account).
    /// </summary>
    bool SelfDestruct(in Address address, in Address beneficiary, bool onlyIfCreated);
}

/// <summary>What SLOAD found.</summary>
public readonly record struct StorageRead(UInt256 Value, bool WasCold);

/// <summary>What SSTORE did: the class of the write (see <see cref="StorageStatus"/>) and whether the slot was cold.</summary>
public readonly record struct StorageWrite(StorageStatus Status, bool WasCold);

/// <summary>
/// A storage write classified by original value O (at transaction start), present value P and new value N, as
/// EVMC names them. X, Y, Z stand for distinct non-zero values. Everything the gas rules of any fork need: Frontier
/// reads only P and N (a set when P is zero and N is not, a clear refund when P is not and N is), the net-metering
/// forks all three.
/// </summary>
public enum StorageStatus : byte
{
    /// <summary>P = N (no change), or a dirty slot changed without a refund effect (X→Y→Z, 0→Y→Z).</summary>
    Assigned,
    /// <summary>0 → 0 → Z.</summary>
    Added,
    /// <summary>X → X → 0.</summary>
    Deleted,
    /// <summary>X → X → Z.</summary>
    Modified,
    /// <summary>X → 0 → Z.</summary>
    DeletedAdded,
    /// <summary>X → Y → 0.</summary>
    ModifiedDeleted,
    /// <summary>X → 0 → X.</summary>
    DeletedRestored,
    /// <summary>0 → Y → 0.</summary>
    AddedDeleted,
    /// <summary>X → Y → X.</summary>
    ModifiedRestored,
}

/// <summary>The classification, written once for every host implementation.</summary>
public static class StorageStatusRules
{
    /// <summary>The class of writing <paramref name="value"/> over <paramref name="present"/>, where the slot held
    /// <paramref name="original"/> when the transaction started. Callers may skip reading the original when
    /// present equals value (the answer is then <see cref="StorageStatus.Assigned"/> whatever it is).</summary>
    public static StorageStatus Classify(in UInt256 original, in UInt256 present, in UInt256 value)
    {
        if (present.Equals(value)) return StorageStatus.Assigned;
        if (original.Equals(present)) // clean slot
            return original.IsZero ? StorageStatus.Added : value.IsZero ? StorageStatus.Deleted : StorageStatus.Modified;
        // dirty slot
        if (original.IsZero) return value.IsZero ? StorageStatus.AddedDeleted : StorageStatus.Assigned;
        if (present.IsZero) return value.Equals(original) ? StorageStatus.DeletedRestored : StorageStatus.DeletedAdded;
        if (value.IsZero) return StorageStatus.ModifiedDeleted;
        return value.Equals(original) ? StorageStatus.ModifiedRestored : StorageStatus.Assigned;
    }
}
