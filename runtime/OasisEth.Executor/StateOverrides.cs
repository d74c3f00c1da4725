using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

/// <summary>
/// Applies an RPC call's account overrides to its throw-away world state. They are written as a transaction of
/// their own and committed before the call's transaction starts, so the call sees them as the state it started
/// from: overridden slots are the "original" values for SSTORE pricing, and nothing is warm.
/// </summary>
internal static class StateOverrides
{
    /// <summary>Refuses what geth refuses before anything runs.</summary>
    public static void Validate(IReadOnlyList<AccountOverride> accounts)
    {
        var seen = new HashSet<Address>();
        foreach (AccountOverride a in accounts)
        {
            if (a.State is not null && a.StateDiff is not null)
                throw new ArgumentException($"account {a.Address} has both 'state' and 'stateDiff'");
            if (!seen.Add(a.Address)) throw new ArgumentException($"account {a.Address} is overridden twice");
        }
    }

    /// <summary>Expects accounts that passed <see cref="Validate"/> (done once per call when its site is opened;
    /// this runs once per execution, many times for an estimate).</summary>
    public static void Apply(InMemoryWorldState state, IReadOnlyList<AccountOverride> accounts)
    {
        state.BeginTransaction();
        foreach (AccountOverride a in accounts)
        {
            Address address = a.Address;
            if (a.State is { } replacement)
            {
                // A fresh account object has no storage and does not read the stored slots; it keeps the balance,
                // and the nonce and code are put back (unless overridden below).
                ulong nonce = state.GetNonce(address);
                byte[] code = state.GetCode(address);
                state.CreateContractAccount(address);
                state.SetNonce(address, nonce);
                state.SetCode(address, code);
                foreach ((UInt256 key, UInt256 value) in replacement) state.SetStorage(address, key, value);
            }
            else if (a.StateDiff is { } diff)
            {
                foreach ((UInt256 key, UInt256 value) in diff) state.SetStorage(address, key, value);
            }
            if (a.Balance is { } balance)
            {
                state.SubtractBalance(address, state.GetBalance(address));
                state.AddBalance(address, balance);
            }
            if (a.Nonce is { } n) state.SetNonce(address, n);
            if (a.Code is { } c) state.SetCode(address, c);
        }
        // Kept even when empty: an override of an account to nothing is still what the call must see.
        state.CommitTransaction(deleteTouchedEmpty: false);
    }
}
