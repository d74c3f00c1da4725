using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// The dev node's cheats (anvil_setBalance and friends, impersonation, the next base fee). Only <see cref="Chain"/>
/// (the dev driver) implements it; the ParaTime runtime has no such path. Edits are visible at once to reads of the
/// head's state (<c>latest</c>, <c>pending</c>, calls, estimates, pool admission) and the next round writes them
/// into its state before its first transaction. A balance edit that raises or lowers a balance is recorded in the
/// OETH ledger's dev slots (<see cref="SupplyFigures.DevMinted"/>, <see cref="SupplyFigures.DevDestroyed"/>), so the
/// supply figures stay an exact account. Edits of the OETH system accounts are refused
/// (<see cref="InvalidOperationException"/>). Writes serialise with rounds.
/// </summary>
public interface IDevChain
{
    /// <summary>The edits not yet in a block (empty when none), for snapshots.</summary>
    StateEdits PendingEdits { get; }

    /// <summary>Puts back edits taken by <see cref="PendingEdits"/> (a snapshot's); ignored when they were made on
    /// another head than the current one.</summary>
    void RestoreEdits(StateEdits edits);

    void SetBalance(Address address, UInt256 balance);

    /// <summary>Adds to the balance (saturating at 2^256 - 1, as anvil); returns the new balance.</summary>
    UInt256 AddBalance(Address address, UInt256 amount);

    void SetNonce(Address address, ulong nonce);
    void SetCode(Address address, byte[] code);
    void SetStorage(Address address, UInt256 slot, UInt256 value);

    /// <summary>Every account of the head's state with the pending edits, in address order (slots by key, zero slots
    /// left out), without the OETH system accounts (a node's supply bookkeeping is its own): a state dump's
    /// accounts.</summary>
    IReadOnlyList<OasisEth.State.InMemoryWorldState.AccountDump> DumpAccounts();

    /// <summary>Loads a dump's accounts as edits (balance, nonce, code and every listed slot; other slots stay), in
    /// one step; OETH system accounts in it are skipped. Returns how many accounts were loaded.</summary>
    int LoadAccounts(IReadOnlyList<OasisEth.State.InMemoryWorldState.AccountDump> accounts);

    /// <summary>Accepts transactions marked as sent by <paramref name="address"/> (<see cref="ImpersonatedTransactions"/>).</summary>
    void Impersonate(Address address);
    void StopImpersonating(Address address);
    bool AutoImpersonate { get; set; }
    bool IsImpersonated(Address address);

    /// <summary>Every later block's coinbase (anvil_setCoinbase; null: the OETH fee collector). The tips then go
    /// to it instead of into operator rewards; nothing is created or destroyed. In memory only: a restart goes back to
    /// the fee collector.</summary>
    Address? Coinbase { get; set; }

    /// <summary>The next block's base fee when set (anvil_setNextBlockBaseFeePerGas); used once, then EIP-1559 goes on
    /// from it.</summary>
    UInt256? NextBaseFeeOverride { get; set; }

    /// <summary>The base fee the next block will charge (the override, or the EIP-1559 rule).</summary>
    UInt256 NextBaseFee { get; }
}
