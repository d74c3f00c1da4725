using OasisEth.Evm.Gas;
using OasisEth.Primitives;

namespace OasisEth.Evm;

public sealed partial class EvmInterpreter
{
    /// <summary>
    /// SSTORE with the gas and refund rules of the fork: the Frontier set/reset prices, EIP-1283 net metering
    /// (Constantinople only), EIP-2200 net metering with the 2300 sentry (Istanbul), EIP-2929 cold slots
    /// (Berlin) and EIP-3529 smaller refunds (London). The host writes and classifies the write
    /// (<see cref="StorageStatus"/>); the price follows from the class. A write the frame cannot pay for halts it,
    /// and the frame's revert undoes the write, so writing before charging is exact. Returns the gas left,
    /// negative when out of gas.
    /// </summary>
    internal long StorageStore(CallFrame f, in UInt256 key, in UInt256 value, long gas)
    {
        var spec = _spec;
        if (spec.IsIstanbul && gas <= GasCost.SstoreSentryEip2200) return OutOfGas;

        StorageWrite write = _host.StoreStorage(f.Address, in key, in value);
        long cost = SstoreGas.Cost(spec, in write, ref f.Refund);
        gas -= cost;
        return gas < 0 ? OutOfGas : gas;
    }
}
