namespace OasisEth.Rpc;

/// <summary>anvil's names for methods the node answers under another tool's name (anvil accepts both): the same
/// handler, so the same answers and errors.</summary>
internal static class AnvilAliases
{
    private static readonly (string Alias, string Method)[] Pairs =
    [
        ("anvil_dropTransaction", "hardhat_dropTransaction"),
        ("anvil_metadata", "hardhat_metadata"),
        ("anvil_increaseTime", "evm_increaseTime"),
    ];

    public static void Register(RpcMethodTable t)
    {
        foreach ((string alias, string method) in Pairs)
            if (t.TryGet(method, out RpcMethod handler) && !t.TryGet(alias, out _)) t.Add(alias, handler);
    }
}
