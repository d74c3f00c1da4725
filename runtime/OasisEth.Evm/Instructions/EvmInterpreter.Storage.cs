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
    private long StorageStore(CallFrame f, in UInt256 key, in UInt256 value, long gas)
    {
        var spec = _spec;
        if (spec.IsIstanbul && gas <= GasCost.SstoreSentryEip2200) return OutOfGas;

        StorageWrite write = _host.StoreStorage(f.Address, in key, in value);
        long cost = spec.IsBerlin && write.WasCold ? GasCost.ColdSload : 0;
        StorageStatus status = write.Status;
        if (!spec.IsIstanbul && !spec.IsEip1283)
        {
            // Frontier: a set when the present value is zero and the new one is not, a reset otherwise; a clear
            // refund when a non-zero present value becomes zero.
            switch (status)
            {
                case StorageStatus.Added or StorageStatus.DeletedAdded or StorageStatus.DeletedRestored:
                    cost += GasCost.SstoreSet;
                    break;
                case StorageStatus.Deleted or StorageStatus.ModifiedDeleted or StorageStatus.AddedDeleted:
                    cost += GasCost.SstoreReset;
                    f.Refund += GasCost.SstoreClearRefund;
                    break;
                default:
                    cost += GasCost.SstoreReset;
                    break;
            }
        }
        else
        {
            long sloadCost = spec.IsEip1283 ? GasCost.SloadNetMeteringEip1283 : spec.SloadCost;
            long resetCost = spec.SstoreResetCost;
            long clearRefund = spec.SstoreClearRefund;
            switch (status)
            {
                // A clean slot (original = present) pays for the write; a dirty one only for the read.
                case StorageStatus.Added: cost += GasCost.SstoreSet; break;
                case StorageStatus.Modified: cost += resetCost; break;
                case StorageStatus.Deleted: cost += resetCost; f.Refund += clearRefund; break;
                case StorageStatus.DeletedAdded: cost += sloadCost; f.Refund -= clearRefund; break;
                case StorageStatus.ModifiedDeleted: cost += sloadCost; f.Refund += clearRefund; break;
                // Restoring the original gives back what the first write cost above a read.
                case StorageStatus.DeletedRestored: cost += sloadCost; f.Refund += resetCost - sloadCost - clearRefund; break;
                case StorageStatus.AddedDeleted: cost += sloadCost; f.Refund += GasCost.SstoreSet - sloadCost; break;
                case StorageStatus.ModifiedRestored: cost += sloadCost; f.Refund += resetCost - sloadCost; break;
                default: cost += sloadCost; break; // Assigned
            }
        }

        gas -= cost;
        return gas < 0 ? OutOfGas : gas;
    }
}
