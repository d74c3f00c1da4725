using OasisEth.Primitives;

namespace OasisEth.State;

/// <summary>
/// The committed state a block starts from, read-only: what <see cref="InMemoryWorldState"/> reads through on a
/// cache miss when opened with <see cref="InMemoryWorldState(IStateReader)"/>. Each account, slot and code blob
/// is asked for at most once per block (the world state caches answers, absent ones included), so an
/// implementation need not cache. Not called concurrently.
/// </summary>
public interface IStateReader
{
    /// <summary>The account at <paramref name="address"/>; false when the state has none.</summary>
    bool TryGetAccount(in Address address, out AccountData account);

    /// <summary>The slot's value; zero when the account or the slot is absent.</summary>
    UInt256 GetStorage(in Address address, in UInt256 slot);

    /// <summary>
    /// The code whose keccak256 is <paramref name="codeHash"/>. Only asked for hashes this reader reported in an
    /// <see cref="AccountData"/> other than <see cref="Hash256.EmptyCode"/>; a missing blob is a corrupt state, so
    /// an implementation throws rather than return something.
    /// </summary>
    byte[] GetCode(in Hash256 codeHash);
}
