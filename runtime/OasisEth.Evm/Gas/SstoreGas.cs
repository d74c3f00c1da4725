using OasisEth.Evm.Specs;

namespace OasisEth.Evm.Gas;

/// <summary>
/// The price of a storage write the host has classified (<see cref="StorageStatus"/>), by fork: the Frontier
/// set/reset prices, EIP-1283 net metering (Constantinople only), EIP-2200 net metering (Istanbul), EIP-2929 cold
/// slots (Berlin) and EIP-3529 smaller refunds (London). Written once for every engine that stores (SSTORE, Ewasm's
/// <c>storageStore</c>); the EIP-2200 sentry is the caller's, checked before the write.
/// </summary>
public static class SstoreGas
{
    /// <summary>The gas the write costs; adds its refund change (which may be negative) to <paramref name="refund"/>.</summary>
    public static long Cost(ForkSpec spec, in StorageWrite write, ref long refund)
    {
        long cost = spec.IsBerlin && write.WasCold ? GasCost.ColdSload : 0;
        StorageStatus status = write.Status;
        if (!spec.IsIstanbul && !spec.IsEip1283)
        {
            // Frontier: a set when the present value is zero and the new one is not, a reset otherwise; a clear
            // refund when a non-zero present value becomes zero.
            switch (status)
            {
                case StorageStatus.Added or StorageStatus.DeletedAdded or StorageStatus.DeletedRestored:
                    return cost + GasCost.SstoreSet;
                case StorageStatus.Deleted or StorageStatus.ModifiedDeleted or StorageStatus.AddedDeleted:
                    refund += GasCost.SstoreClearRefund;
                    return cost + GasCost.SstoreReset;
                default:
                    return cost + GasCost.SstoreReset;
            }
        }
        long sloadCost = spec.IsEip1283 ? GasCost.SloadNetMeteringEip1283 : spec.SloadCost;
        long resetCost = spec.SstoreResetCost;
        long clearRefund = spec.SstoreClearRefund;
        switch (status)
        {
            // A clean slot (original = present) pays for the write; a dirty one only for the read.
            case StorageStatus.Added: return cost + GasCost.SstoreSet;
            case StorageStatus.Modified: return cost + resetCost;
            case StorageStatus.Deleted: refund += clearRefund; return cost + resetCost;
            case StorageStatus.DeletedAdded: refund -= clearRefund; return cost + sloadCost;
            case StorageStatus.ModifiedDeleted: refund += clearRefund; return cost + sloadCost;
            // Restoring the original gives back what the first write cost above a read.
            case StorageStatus.DeletedRestored: refund += resetCost - sloadCost - clearRefund; return cost + sloadCost;
            case StorageStatus.AddedDeleted: refund += GasCost.SstoreSet - sloadCost; return cost + sloadCost;
            case StorageStatus.ModifiedRestored: refund += resetCost - sloadCost; return cost + sloadCost;
            default: return cost + sloadCost; // Assigned
        }
    }
}
