using OasisEth.Primitives;

namespace OasisEth.Evm;

/// <summary>
/// What the frame loop needs beyond <see cref="IHost"/>: the journal, value transfers, account creation and code
/// deposit, the facts CALL/CREATE check before a frame exists, and read-only views for tracers. Engines never call
/// these; the loop does, the same way for every kind of code. Implemented over the world state outside this
/// assembly (OasisEth.Transactions' <c>WorldStateHost</c>), so the interpreter needs no state or trie code.
/// </summary>
public interface IFrameHost : IHost
{
    /// <summary>A journal checkpoint (cheap: the journal's length).</summary>
    int TakeSnapshot();

    /// <summary>Undoes every change since <paramref name="snapshot"/>, warm marks included.</summary>
    void Restore(int snapshot);

    ulong GetNonce(in Address address);
    void SetNonce(in Address address, ulong nonce);

    /// <summary>Adds to the balance, creating the account if missing; always touches it (EIP-161), even for zero.</summary>
    void AddBalance(in Address address, in UInt256 amount);

    /// <summary>Subtracts from the balance (the caller checked it suffices); touches the account.</summary>
    void SubtractBalance(in Address address, in UInt256 amount);

    /// <summary>True if the account has a non-zero storage slot (EIP-7610 creation collision).</summary>
    bool HasStorage(in Address address);

    /// <summary>A fresh contract account for CREATE/CREATE2, keeping any balance it had; recorded as created in this transaction.</summary>
    void CreateContractAccount(in Address address);

    /// <summary>The code deposit of a successful creation.</summary>
    void SetCode(in Address address, byte[] code);

    // ---- tracer views (no journal effect, no warm marks) ----------------------------------------
    /// <summary>A plain storage read, for tracers.</summary>
    UInt256 PeekStorage(in Address address, in UInt256 key);

    /// <summary>The logs of the transaction so far, in order.</summary>
    IReadOnlyList<LogEntry> Logs { get; }
}
