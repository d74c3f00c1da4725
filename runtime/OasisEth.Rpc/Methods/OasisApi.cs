using OasisEth.Executor;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>Chain-specific methods: the OETH supply figures (with the dev node's state-edit adjustments).</summary>
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
            // Dev node only: OETH created / destroyed by state edits (anvil_setBalance …); total = 21M + minted − destroyed.
            RpcJson.Quantity(call.Result, "devMinted", s.DevMinted);
            RpcJson.Quantity(call.Result, "devDestroyed", s.DevDestroyed);
            call.Result.WriteEndObject();
        });
    }
}
