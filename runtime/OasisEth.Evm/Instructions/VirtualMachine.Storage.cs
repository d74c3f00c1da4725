using OasisEth.Evm.Gas;
using OasisEth.Primitives;

namespace OasisEth.Evm;

public sealed partial class VirtualMachine
{
    /// <summary>
    /// SSTORE with the gas and refund rules of the fork: the Frontier set/reset prices, EIP-1283 net metering
    /// (Constantinople only), EIP-2200 net metering with the 2300 sentry (Istanbul), EIP-2929 cold slots
    /// (Berlin) and EIP-3529 smaller refunds (London). Returns the gas left, negative when out of gas.
    /// </summary>
    private long StorageStore(EvmFrame f, in UInt256 key, in UInt256 value, long gas)
    {
        var spec = _spec;
        if (spec.IsIstanbul && gas <= GasCost.SstoreSentryEip2200) return OutOfGas;

        long cost = 0;
        if (spec.IsBerlin && _state.WarmUpStorage(f.Address, in key)) cost += GasCost.ColdSload;

        UInt256 current = _state.GetStorage(f.Address, in key);
        if (!spec.IsIstanbul && !spec.IsEip1283)
        {
            if (current.IsZero && !value.IsZero) cost += GasCost.SstoreSet;
            else
            {
                cost += GasCost.SstoreReset;
                if (!current.IsZero && value.IsZero) f.Refund += GasCost.SstoreClearRefund;
            }
        }
        else
        {
            long sloadCost = spec.IsEip1283 ? GasCost.SloadNetMeteringEip1283 : spec.SloadCost;
            long resetCost = spec.SstoreResetCost;
            long clearRefund = spec.SstoreClearRefund;
            if (current.Equals(value)) cost += sloadCost;
            else
            {
                UInt256 original = _state.GetOriginalStorage(f.Address, in key);
                if (original.Equals(current))
                {
                    if (original.IsZero) cost += GasCost.SstoreSet;
                    else
                    {
                        cost += resetCost;
                        if (value.IsZero) f.Refund += clearRefund;
                    }
                }
                else
                {
                    cost += sloadCost;
                    if (!original.IsZero)
                    {
                        if (current.IsZero) f.Refund -= clearRefund;
                        else if (value.IsZero) f.Refund += clearRefund;
                    }
                    if (original.Equals(value))
                        f.Refund += original.IsZero ? GasCost.SstoreSet - sloadCost : resetCost - sloadCost;
                }
            }
        }

        gas -= cost;
        if (gas < 0) return OutOfGas;
        _state.SetStorage(f.Address, in key, in value);
        return gas;
    }
}
