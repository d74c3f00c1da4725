using OasisEth.Primitives;

namespace OasisEth.State.Tests;

internal static class TestAddresses
{
    public static readonly Address A = Address.Parse("0x1000000000000000000000000000000000000001");
    public static readonly Address B = Address.Parse("0x2000000000000000000000000000000000000002");
    public static readonly Address Ripemd = Address.Parse("0x0000000000000000000000000000000000000003");
    public static readonly Address Sha256 = Address.Parse("0x0000000000000000000000000000000000000002");

    public static InMemoryWorldState StateWith(in Address address, ulong nonce, ulong balance, byte[]? code = null,
        params (ulong Key, ulong Value)[] storage)
    {
        var state = new InMemoryWorldState();
        var slots = new List<KeyValuePair<UInt256, UInt256>>();
        foreach (var (key, value) in storage) slots.Add(new(key, value));
        state.SetAccount(address, nonce, balance, code ?? [], slots);
        return state;
    }
}
