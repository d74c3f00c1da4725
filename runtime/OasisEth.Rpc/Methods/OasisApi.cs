using OasisEth.Executor;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>Chain-specific methods: the OETH supply figures.</summary>
internal static class OasisApi
{
    public static void Register(RpcMethodTable t, RpcContext c)
    {
        t.Add("oasis_supply", call =>
        {
            ulong number = c.ResolveExisting(call.Params, 0);
            SupplyFigures s;
            try
            {
                s = c.Chain.GetSupply(number);
            }
            catch (StateUnavailableException e)
            {
                throw RpcException.Server(e.Message);
            }
            UInt256 total = s.RewardPool + s.Unclaimed + s.Circulating + s.Burned;
            call.Result.WriteStartObject();
            RpcJson.Quantity(call.Result, "rewardPool", s.RewardPool);
            RpcJson.Quantity(call.Result, "unclaimed", s.Unclaimed);
            RpcJson.Quantity(call.Result, "circulating", s.Circulating);
            RpcJson.Quantity(call.Result, "burned", s.Burned);
            RpcJson.Quantity(call.Result, "total", total);
            call.Result.WriteEndObject();
        });
    }
}
