using OasisEth.Executor;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>anvil_setERC20Allowance(owner, spender, token, amount): the same slot search as anvil_dealERC20, on
/// allowance(owner, spender); the found slot is set as anvil_setStorageAt would. Answers null as anvil.</summary>
internal static class Erc20AllowanceApi
{
    public static void Register(RpcMethodTable t, RpcContext c)
    {
        t.Add("anvil_setERC20Allowance", async call =>
        {
            IDevChain dev = CheatApi.Dev(c, "anvil_setERC20Allowance");
            Address owner = call.Params.Address(0);
            Address spender = call.Params.Address(1);
            Address token = call.Params.Address(2);
            UInt256 amount = call.Params.Word(3);
            byte[] data = new byte[68];
            data[0] = 0xdd; data[1] = 0x62; data[2] = 0xed; data[3] = 0x3e; // allowance(address,address)
            owner.Bytes.CopyTo(data.AsSpan(16));
            spender.Bytes.CopyTo(data.AsSpan(48));
            UInt256 slot = await TxApi.WithTimeout(c, ct => CheatApi.FindSlot(c, token, data, amount, ct), call.Cancellation)
                ?? throw RpcException.Server("Unable to set ERC20 allowance, no slot found");
            await CheatApi.Run(c, () => dev.SetStorage(token, slot, amount));
            call.Result.WriteNullValue();
        });
    }
}
