using System.Text.Json;
using OasisEth.Executor;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>What the method handlers share: the chain, the dev driver and pool, dev accounts, filters, limits, and
/// the block-tag rules (latest/pending/safe/finalized = the head: a round is final once committed).</summary>
internal sealed class RpcContext(IChain chain, DevRoundDriver driver, DevAccounts accounts, FilterStore filters,
    SubscriptionHub hub, RpcLimits limits, Action<string> log)
{
    public IChain Chain { get; } = chain;
    public DevRoundDriver Driver { get; } = driver;
    public DevAccounts Accounts { get; } = accounts;
    public FilterStore Filters { get; } = filters;
    public SubscriptionHub Hub { get; } = hub;
    public RpcLimits Limits { get; } = limits;
    public Action<string> Log { get; } = log;

    /// <summary>anvil_setLoggingEnabled's switch (the node wires its log through it).</summary>
    public LogSwitch LogSwitch { get; init; } = new(log);
    public GenesisConfig Genesis => Chain.Genesis;

    /// <summary>Names this node process (hardhat_metadata): changes on each start.</summary>
    public string InstanceId { get; } = FilterStore.NewId();

    /// <summary>
    /// A block parameter (tag, hex number, or EIP-1898 object) → a block number; false when the block does not exist
    /// (a number past the head, an unknown hash). <paramref name="isPending"/> tells "pending" apart.
    /// </summary>
    public bool TryResolve(JsonElement? element, string where, out ulong number, out bool isPending)
    {
        isPending = false;
        ulong head = Chain.Head.Number;
        number = head;
        if (element is not { } e) return true;
        if (e.ValueKind == JsonValueKind.String)
        {
            string s = e.GetString()!;
            switch (s)
            {
                case "latest" or "safe" or "finalized": return true;
                case "pending": isPending = true; return true;
                case "earliest": number = 0; return true;
            }
            number = RpcValues.ULong(e, where);
            return number <= head;
        }
        if (e.ValueKind == JsonValueKind.Number)
        {
            number = RpcValues.ULong(e, where);
            return number <= head;
        }
        if (e.ValueKind == JsonValueKind.Object)
        {
            if (RpcValues.Member(e, "blockHash") is { } hashElement)
            {
                if (RpcValues.Member(e, "blockNumber") is not null)
                    throw RpcException.InvalidParams($"{where}: cannot specify both blockHash and blockNumber, choose one or the other");
                BlockHeader? header = Chain.GetHeader(RpcValues.Hash(hashElement, where + ": blockHash"));
                if (header is null) return false;
                number = header.Number;
                return true;
            }
            if (RpcValues.Member(e, "blockNumber") is { } numberElement) return TryResolve(numberElement, where, out number, out isPending);
            throw RpcException.InvalidParams($"{where}: a block object needs blockHash or blockNumber");
        }
        throw RpcException.InvalidParams($"{where}: expected a block number, tag or block object");
    }

    /// <summary>A block whose state is read: unknown → -32000 "header not found" (geth's answer).</summary>
    public ulong ResolveExisting(RpcParams p, int index)
    {
        JsonElement? e = p.Get(index);
        if (!TryResolve(e, RpcParams.Where(index), out ulong number, out _))
            throw RpcException.Server(e is { ValueKind: JsonValueKind.Object } ? "header for hash not found" : "header not found");
        return number;
    }

    public IStateView OpenState(ulong number)
    {
        try
        {
            return Chain.OpenState(number);
        }
        catch (StateUnavailableException e)
        {
            throw RpcException.Server(e.Message);
        }
    }
}
