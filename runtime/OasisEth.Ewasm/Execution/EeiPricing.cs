using OasisEth.Evm;
using OasisEth.Evm.Gas;
using OasisEth.Evm.Specs;

namespace OasisEth.Ewasm.Execution;

/// <summary>
/// What each host function costs. <see cref="Reference"/> is the reference engine's fixed table (Byzantium
/// values, its own 800 for a block hash); <see cref="ForFork"/> prices each function as the equivalent EVM opcode
/// of the fork (EIP-2929 warm/cold access from Berlin on), so an Ewasm contract pays what an EVM contract pays for
/// the same access to the world.
/// </summary>
public sealed class EeiPricing
{
    /// <summary>A 64 KiB page of linear memory in <see cref="MeteringMode.Chain"/>: EVM's memory formula for 2,048
    /// words (2,048 × 3 + 2,048² / 512), as the Ewasm fee schedule derives it.</summary>
    public const long MemoryPageGas = 14_336;

    private EeiPricing(ForkSpec? fork)
    {
        Fork = fork;
    }

    /// <summary>The fork whose opcode prices apply; null for the reference table.</summary>
    public ForkSpec? Fork { get; }

    public static EeiPricing Reference { get; } = new(null);

    public static EeiPricing ForFork(ForkSpec fork) => new(fork);

    public bool IsReference => Fork is null;

    private bool Berlin => Fork is { IsBerlin: true };

    public long Base => GasCost.Base;

    public long VeryLow => GasCost.VeryLow;

    public long CopyWord => GasCost.Copy;

    public long BlockHash => IsReference ? 800 : GasCost.BlockHash;

    public long Balance(bool wasCold) => IsReference ? GasCost.BalanceEip150
        : Berlin ? (wasCold ? GasCost.ColdAccountAccess : GasCost.WarmStorageRead)
        : Fork!.IsIstanbul ? GasCost.BalanceEip1884 : Fork.IsEip150 ? GasCost.BalanceEip150 : GasCost.BalanceFrontier;

    public long ExternalCode(bool wasCold) => IsReference ? GasCost.ExtCodeEip150
        : Berlin ? (wasCold ? GasCost.ColdAccountAccess : GasCost.WarmStorageRead)
        : Fork!.IsEip150 ? GasCost.ExtCodeEip150 : GasCost.ExtCodeFrontier;

    public long StorageLoad(bool wasCold) => IsReference ? GasCost.SloadEip150
        : Berlin ? (wasCold ? GasCost.ColdSload : GasCost.WarmStorageRead) : Fork!.SloadCost;

    /// <summary>The part of a storage write charged before anything is read (the reference engine's minimum).</summary>
    public long StorageStoreMinimum => IsReference ? GasCost.SstoreReset : 0;

    public long Log => GasCost.Log;

    public long LogTopic => GasCost.LogTopic;

    public long LogData => GasCost.LogData;

    public long Call(bool wasCold) => IsReference || !Berlin ? GasCost.CallEip150 : wasCold ? GasCost.ColdAccountAccess : GasCost.WarmStorageRead;

    public long CallValue => GasCost.CallValue;

    public long NewAccount => GasCost.NewAccount;

    public long CallStipend => GasCost.CallStipend;

    public long Create => GasCost.Create;

    public long SelfDestruct => GasCost.SelfDestructEip150;

    /// <summary>Cost of a storage write the host classified, beyond <see cref="StorageStoreMinimum"/>; adds its refund.
    /// The reference engine charged 5,000, plus 15,000 when the present value is zero and the new one is not, and
    /// left the clearing refund to its client (15,000): Byzantium's SSTORE, which is what it is priced as here.</summary>
    public long StorageStore(in StorageWrite write, ref long refund) =>
        SstoreGas.Cost(Fork ?? ByzantiumSpec, in write, ref refund) - StorageStoreMinimum;

    private static readonly ForkSpec ByzantiumSpec = ForkSpec.Of(OasisEth.Primitives.Fork.Byzantium);
}
