using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using OasisEth.Primitives;

namespace OasisEth.State;

public sealed partial class InMemoryWorldState
{
    public bool Exists(in Address address) => Find(address) is not null;

    public bool IsDead(in Address address)
    {
        Account? account = Find(address);
        return account is null || account.IsEmpty;
    }

    public UInt256 GetBalance(in Address address)
    {
        Account? account = Find(address);
        return account is null ? default : account.Balance;
    }

    public ulong GetNonce(in Address address) => Find(address)?.Nonce ?? 0;

    public byte[] GetCode(in Address address) => Find(address)?.Code ?? [];

    public Hash256 GetCodeHash(in Address address)
    {
        Account? account = Find(address);
        return account is null ? Hash256.Zero : account.CodeHash;
    }

    /// <remarks>An account whose storage is in the backend counts as having storage even if this block has
    /// zeroed every stored slot: telling would need a walk over the stored slots, and such an account holds code
    /// (only code writes storage) or a nonce, which make the EIP-7610 collision anyway.</remarks>
    public bool HasStorage(in Address address)
    {
        Account? account = Find(address);
        return account is not null && (account.LoadsStorage || account.HasNonZeroStorage());
    }

    public void AddBalance(in Address address, in UInt256 amount)
    {
        Account? account = Find(address);
        if (account is null)
        {
            // Created with the amount in place: undoing the creation undoes the credit too.
            account = CreateAccount(address);
            account.Balance = amount;
        }
        else if (!amount.IsZero)
        {
            JournalBalance(address, account);
            // Wrapping add: balances never approach 2^256 (total supply is far below), so no overflow check.
            UInt256.Add(account.Balance, amount, out account.Balance);
        }
        MarkTouched(address, account);
    }

    public void SubtractBalance(in Address address, in UInt256 amount)
    {
        Account? account = Find(address);
        if (account is null)
        {
            // geth creates the account even for a zero debit; a non-zero one is the caller's bug.
            if (!amount.IsZero) ThrowInsufficientBalance(address);
            account = CreateAccount(address);
        }
        else if (!amount.IsZero)
        {
            if (UInt256.SubtractUnderflow(account.Balance, amount, out UInt256 remaining)) ThrowInsufficientBalance(address);
            JournalBalance(address, account);
            account.Balance = remaining;
        }
        MarkTouched(address, account);
    }

    public void Touch(in Address address)
    {
        // Touching a missing account creates nothing and deleting it at commit would be a no-op, so there is
        // nothing to record. Every way of creating an account touches it anyway.
        Account? account = Find(address);
        if (account is not null) MarkTouched(address, account);
    }

    public void SetNonce(in Address address, ulong nonce)
    {
        Account account = GetOrCreate(address);
        JournalNonce(address, account);
        account.Nonce = nonce;
        MarkTouched(address, account);
    }

    public void IncrementNonce(in Address address)
    {
        Account account = GetOrCreate(address);
        JournalNonce(address, account);
        account.Nonce++;
        MarkTouched(address, account);
    }

    public void SetCode(in Address address, byte[] code)
    {
        Account account = GetOrCreate(address);
        ref JournalEntry entry = ref Push(JournalKind.Code, address);
        entry.Ref = account.Code;
        account.Code = code;
        MarkTouched(address, account);
    }

    public void CreateContractAccount(in Address address)
    {
        // A new object rather than clearing the old one: the journal keeps the old object whole, so a revert
        // brings back its nonce, code and storage exactly.
        Account? previous = Find(address);
        var account = new Account { Balance = previous is null ? default : previous.Balance };
        ref JournalEntry entry = ref Push(JournalKind.AccountReplaced, address);
        entry.Ref = previous;
        PutAccount(address, account);
        if (_created.Add(address)) Push(JournalKind.CreatedInTransaction, address);
        MarkTouched(address, account);
    }

    public bool IsCreatedInTransaction(in Address address) => _created.Contains(address);

    /// <summary>
    /// Loads a pre-state account (state tests, genesis): replaces whatever is at the address, is not journaled,
    /// and counts as committed (its storage is the "original" storage). Zero slots are skipped.
    /// For <see cref="CollectChanges"/> it is a change of the block like any other (the account and all its
    /// storage replace what the base held), so a genesis built here can be collected and written out.
    /// </summary>
    public void SetAccount(in Address address, ulong nonce, in UInt256 balance, byte[] code,
        IEnumerable<KeyValuePair<UInt256, UInt256>> storage)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(storage);
        // With a backend, read what was there first: CollectChanges must know whether old storage needs a wipe.
        if (_reader is not null) Find(address);
        var account = new Account { Nonce = nonce, Balance = balance, Code = code };
        foreach (KeyValuePair<UInt256, UInt256> slot in storage)
        {
            if (slot.Value.IsZero) continue;
            account.Storage[slot.Key] = new StorageSlot(slot.Value, slot.Value);
        }
        PutAccount(address, account);
        MarkDirty(address, account);
    }

    private Account GetOrCreate(in Address address) => Find(address) ?? CreateAccount(address);

    /// <summary>A new empty account at a missing address, journaled so a revert removes it.</summary>
    private Account CreateAccount(in Address address)
    {
        var account = new Account();
        Push(JournalKind.AccountReplaced, address); // Ref stays null: nothing was there
        PutAccount(address, account);
        return account;
    }

    /// <summary>
    /// EIP-161 touch. The per-account flag makes repeat touches (every SSTORE) cost nothing. RIPEMD-160 is added
    /// to the touched set without a journal entry, so a revert does not untouch it: geth's consensus quirk from
    /// mainnet block 2675119, which every client has to reproduce.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MarkTouched(in Address address, Account account)
    {
        if (account.Touched) return;
        MarkTouchedSlow(address, account);
    }

    private void MarkTouchedSlow(in Address address, Account account)
    {
        account.Touched = true;
        // Every write touches its account, so the first touch per transaction is where the block's dirty set
        // is kept: no extra check on the write paths themselves.
        MarkDirty(address, account);
        if (_touched.Add(address) && !address.Equals(RipemdPrecompile))
        {
            Push(JournalKind.Touched, address).Ref = account;
        }
    }

    private void JournalBalance(in Address address, Account account)
    {
        ref JournalEntry entry = ref Push(JournalKind.Balance, address);
        entry.Previous = account.Balance;
        entry.Ref = account;
    }

    private void JournalNonce(in Address address, Account account)
    {
        ref JournalEntry entry = ref Push(JournalKind.Nonce, address);
        entry.Previous = account.Nonce;
        entry.Ref = account;
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowInsufficientBalance(in Address address) =>
        throw new InvalidOperationException($"SubtractBalance below zero for {address}: the caller must check the balance first.");
}
