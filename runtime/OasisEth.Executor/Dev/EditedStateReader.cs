using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

/// <summary>
/// A state reader with pending dev edits laid over it: what `latest` reads, calls, estimates and pool admission see
/// before the next block includes the edits. An edited account exists (as anvil creates it on first edit).
/// </summary>
public sealed class EditedStateReader(IStateReader inner, StateEdits edits) : IStateReader
{
    public bool TryGetAccount(in Address address, out AccountData account)
    {
        bool exists = inner.TryGetAccount(address, out account);
        if (!edits.Accounts.TryGetValue(address, out AccountEdit? edit)) return exists;
        if (!exists) account = new AccountData(0, UInt256.Zero, Hash256.EmptyCode, false);
        account = new AccountData(edit.Nonce ?? account.Nonce, edit.Balance ?? account.Balance, edit.CodeHash ?? account.CodeHash,
            account.HasStorage || HasNonZero(edit));
        return true;
    }

    public UInt256 GetStorage(in Address address, in UInt256 slot) =>
        edits.Accounts.TryGetValue(address, out AccountEdit? edit) && edit.Storage.TryGetValue(slot, out UInt256 value)
            ? value
            : inner.GetStorage(address, slot);

    public byte[] GetCode(in Hash256 codeHash)
    {
        foreach (AccountEdit edit in edits.Accounts.Values)
            if (edit.CodeHash == codeHash && edit.Code is not null) return edit.Code;
        return inner.GetCode(codeHash);
    }

    private static bool HasNonZero(AccountEdit edit)
    {
        foreach (UInt256 value in edit.Storage.Values) if (!value.IsZero) return true;
        return false;
    }
}
