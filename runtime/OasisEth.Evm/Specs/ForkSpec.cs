using OasisEth.Evm.Gas;
using OasisEth.Primitives;

namespace OasisEth.Evm.Specs;

/// <summary>
/// The rules of one fork, built once and shared: feature flags, the gas prices that changed between
/// forks, and the per-opcode static gas table (with undefined opcodes marked) that the interpreter reads.
/// Fork gating happens here, when the table is built, never per instruction.
/// </summary>
public sealed class ForkSpec
{
    private static readonly ForkSpec[] All = BuildAll();

    public static ForkSpec Of(Fork fork) => All[(int)fork];

    public Fork Fork { get; }

    public bool IsHomestead => Fork >= Fork.Homestead;
    public bool IsEip150 => Fork >= Fork.TangerineWhistle;
    public bool IsEip158 => Fork >= Fork.SpuriousDragon;
    public bool IsByzantium => Fork >= Fork.Byzantium;
    public bool IsConstantinople => Fork >= Fork.Constantinople;
    /// <summary>EIP-1283 net gas metering existed only in Constantinople; Petersburg took it out.</summary>
    public bool IsEip1283 => Fork == Fork.Constantinople;
    public bool IsIstanbul => Fork >= Fork.Istanbul;
    public bool IsBerlin => Fork >= Fork.Berlin;
    public bool IsLondon => Fork >= Fork.London;
    public bool IsParis => Fork >= Fork.Paris;
    public bool IsShanghai => Fork >= Fork.Shanghai;
    public bool IsCancun => Fork >= Fork.Cancun;
    public bool IsPrague => Fork >= Fork.Prague;

    public long ExpByteCost => IsEip158 ? GasCost.ExpByteEip160 : GasCost.ExpByteFrontier;
    public long SloadCost => IsBerlin ? GasCost.WarmStorageRead : IsIstanbul ? GasCost.SloadEip1884 : IsEip150 ? GasCost.SloadEip150 : GasCost.SloadFrontier;
    public long SstoreResetCost => IsBerlin ? GasCost.SstoreReset - GasCost.ColdSload : GasCost.SstoreReset;
    public long SstoreClearRefund => IsLondon ? GasCost.SstoreClearRefundEip3529 : GasCost.SstoreClearRefund;
    /// <summary>EIP-3529 lowered the refund cap from gasUsed/2 to gasUsed/5.</summary>
    public long MaxRefundQuotient => IsLondon ? 5 : 2;
    public long TxDataNonZeroCost => IsIstanbul ? GasCost.TxDataNonZeroEip2028 : GasCost.TxDataNonZeroFrontier;
    public int MaxCodeSize => 24576; // EIP-170, enforced from Spurious Dragon
    public int MaxInitCodeSize => 2 * MaxCodeSize; // EIP-3860, Shanghai
    public int MaxBlobsPerBlock => IsPrague ? 9 : 6;
    public ulong BlobBaseFeeUpdateFraction => IsPrague ? 5_007_716UL : 3_338_477UL;
    public const ulong GasPerBlob = 1 << 17;

    /// <summary>
    /// Static gas per opcode; <see cref="Undefined"/> marks an opcode this fork does not have. Pinned, so the
    /// interpreter reads it through a raw pointer with no fixed block and no bounds check.
    /// </summary>
    public readonly long[] StaticGas = GC.AllocateArray<long>(256, pinned: true);
    /// <remarks>
    /// A price no transaction can pay, so the interpreter's one "gas went negative" branch also catches undefined
    /// opcodes (it then tells the two apart off the hot path); a frame that somehow holds more gas falls through to
    /// the switch's default case, which is invalid too.
    /// </remarks>
    public const long Undefined = 1L << 60;

    private ForkSpec(Fork fork)
    {
        Fork = fork;
        BuildGasTable();
    }

    private static ForkSpec[] BuildAll()
    {
        var forks = Enum.GetValues<Fork>();
        var specs = new ForkSpec[forks.Length];
        foreach (var f in forks) specs[(int)f] = new ForkSpec(f);
        return specs;
    }

    private void BuildGasTable()
    {
        var g = StaticGas;
        Array.Fill(g, Undefined);
        g[0x00] = GasCost.Zero; // STOP
        g[0x01] = GasCost.VeryLow; g[0x02] = GasCost.Low; g[0x03] = GasCost.VeryLow; g[0x04] = GasCost.Low;
        g[0x05] = GasCost.Low; g[0x06] = GasCost.Low; g[0x07] = GasCost.Low; g[0x08] = GasCost.Mid; g[0x09] = GasCost.Mid;
        g[0x0a] = GasCost.ExpBase; g[0x0b] = GasCost.Low;
        for (int op = 0x10; op <= 0x1a; op++) g[op] = GasCost.VeryLow; // LT..BYTE
        if (IsConstantinople) { g[0x1b] = g[0x1c] = g[0x1d] = GasCost.VeryLow; } // EIP-145 shifts
        g[0x20] = GasCost.Keccak;
        g[0x30] = GasCost.Base; // ADDRESS
        g[0x31] = IsBerlin ? 0 : IsIstanbul ? GasCost.BalanceEip1884 : IsEip150 ? GasCost.BalanceEip150 : GasCost.BalanceFrontier;
        g[0x32] = g[0x33] = g[0x34] = GasCost.Base; // ORIGIN CALLER CALLVALUE
        g[0x35] = GasCost.VeryLow; g[0x36] = GasCost.Base; g[0x37] = GasCost.VeryLow; // CALLDATALOAD SIZE COPY
        g[0x38] = GasCost.Base; g[0x39] = GasCost.VeryLow; g[0x3a] = GasCost.Base; // CODESIZE CODECOPY GASPRICE
        long extCode = IsBerlin ? 0 : IsEip150 ? GasCost.ExtCodeEip150 : GasCost.ExtCodeFrontier;
        g[0x3b] = extCode; g[0x3c] = extCode;
        if (IsByzantium) { g[0x3d] = GasCost.Base; g[0x3e] = GasCost.VeryLow; } // EIP-211
        if (IsConstantinople) g[0x3f] = IsBerlin ? 0 : IsIstanbul ? GasCost.ExtCodeHashEip1884 : GasCost.ExtCodeHashConstantinople; // EIP-1052
        g[0x40] = GasCost.BlockHash;
        g[0x41] = g[0x42] = g[0x43] = g[0x44] = g[0x45] = GasCost.Base; // COINBASE..GASLIMIT
        if (IsIstanbul) { g[0x46] = GasCost.Base; g[0x47] = GasCost.Low; } // CHAINID (EIP-1344), SELFBALANCE (EIP-1884)
        if (IsLondon) g[0x48] = GasCost.Base; // BASEFEE (EIP-3198)
        if (IsCancun) { g[0x49] = GasCost.BlobHash; g[0x4a] = GasCost.Base; } // EIP-4844, EIP-7516
        g[0x50] = GasCost.Base; // POP
        g[0x51] = g[0x52] = g[0x53] = GasCost.VeryLow; // MLOAD MSTORE MSTORE8
        g[0x54] = IsBerlin ? 0 : SloadCost; // SLOAD: Berlin charges warm/cold dynamically
        g[0x55] = 0; // SSTORE: all dynamic
        g[0x56] = GasCost.Mid; g[0x57] = GasCost.High; // JUMP JUMPI
        g[0x58] = g[0x59] = g[0x5a] = GasCost.Base; // PC MSIZE GAS
        g[0x5b] = GasCost.JumpDest;
        if (IsCancun) { g[0x5c] = g[0x5d] = GasCost.TransientStorage; g[0x5e] = GasCost.VeryLow; } // EIP-1153, EIP-5656
        if (IsShanghai) g[0x5f] = GasCost.Base; // PUSH0 (EIP-3855)
        for (int op = 0x60; op <= 0x9f; op++) g[op] = GasCost.VeryLow; // PUSH1..32 DUP SWAP
        for (int op = 0xa0; op <= 0xa4; op++) g[op] = GasCost.Log + (op - 0xa0) * GasCost.LogTopic;
        g[0xf0] = GasCost.Create;
        long call = IsBerlin ? GasCost.WarmStorageRead : IsEip150 ? GasCost.CallEip150 : GasCost.CallFrontier;
        g[0xf1] = call; g[0xf2] = call; // CALL CALLCODE
        g[0xf3] = GasCost.Zero; // RETURN
        if (IsHomestead) g[0xf4] = call; // DELEGATECALL (EIP-7)
        if (IsConstantinople) g[0xf5] = GasCost.Create; // CREATE2 (EIP-1014)
        if (IsByzantium) { g[0xfa] = call; g[0xfd] = GasCost.Zero; } // STATICCALL (EIP-214), REVERT (EIP-140)
        g[0xfe] = Undefined; // INVALID: designated invalid, handled as undefined
        g[0xff] = IsEip150 ? GasCost.SelfDestructEip150 : 0;
    }
}
