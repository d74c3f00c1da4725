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
        g[(int)Opcode.STOP] = GasCost.Zero;
        g[(int)Opcode.ADD] = GasCost.VeryLow; g[(int)Opcode.MUL] = GasCost.Low; g[(int)Opcode.SUB] = GasCost.VeryLow; g[(int)Opcode.DIV] = GasCost.Low;
        g[(int)Opcode.SDIV] = GasCost.Low; g[(int)Opcode.MOD] = GasCost.Low; g[(int)Opcode.SMOD] = GasCost.Low; g[(int)Opcode.ADDMOD] = GasCost.Mid; g[(int)Opcode.MULMOD] = GasCost.Mid;
        g[(int)Opcode.EXP] = GasCost.ExpBase; g[(int)Opcode.SIGNEXTEND] = GasCost.Low;
        for (int op = (int)Opcode.LT; op <= (int)Opcode.BYTE; op++) g[op] = GasCost.VeryLow;
        if (IsConstantinople) { g[(int)Opcode.SHL] = g[(int)Opcode.SHR] = g[(int)Opcode.SAR] = GasCost.VeryLow; } // EIP-145 shifts
        g[(int)Opcode.KECCAK256] = GasCost.Keccak;
        g[(int)Opcode.ADDRESS] = GasCost.Base;
        g[(int)Opcode.BALANCE] = IsBerlin ? 0 : IsIstanbul ? GasCost.BalanceEip1884 : IsEip150 ? GasCost.BalanceEip150 : GasCost.BalanceFrontier;
        g[(int)Opcode.ORIGIN] = g[(int)Opcode.CALLER] = g[(int)Opcode.CALLVALUE] = GasCost.Base;
        g[(int)Opcode.CALLDATALOAD] = GasCost.VeryLow; g[(int)Opcode.CALLDATASIZE] = GasCost.Base; g[(int)Opcode.CALLDATACOPY] = GasCost.VeryLow;
        g[(int)Opcode.CODESIZE] = GasCost.Base; g[(int)Opcode.CODECOPY] = GasCost.VeryLow; g[(int)Opcode.GASPRICE] = GasCost.Base;
        long extCode = IsBerlin ? 0 : IsEip150 ? GasCost.ExtCodeEip150 : GasCost.ExtCodeFrontier;
        g[(int)Opcode.EXTCODESIZE] = extCode; g[(int)Opcode.EXTCODECOPY] = extCode;
        if (IsByzantium) { g[(int)Opcode.RETURNDATASIZE] = GasCost.Base; g[(int)Opcode.RETURNDATACOPY] = GasCost.VeryLow; } // EIP-211
        if (IsConstantinople) g[(int)Opcode.EXTCODEHASH] = IsBerlin ? 0 : IsIstanbul ? GasCost.ExtCodeHashEip1884 : GasCost.ExtCodeHashConstantinople; // EIP-1052
        g[(int)Opcode.BLOCKHASH] = GasCost.BlockHash;
        g[(int)Opcode.COINBASE] = g[(int)Opcode.TIMESTAMP] = g[(int)Opcode.NUMBER] = g[(int)Opcode.PREVRANDAO] = g[(int)Opcode.GASLIMIT] = GasCost.Base;
        if (IsIstanbul) { g[(int)Opcode.CHAINID] = GasCost.Base; g[(int)Opcode.SELFBALANCE] = GasCost.Low; } // EIP-1344, EIP-1884
        if (IsLondon) g[(int)Opcode.BASEFEE] = GasCost.Base; // EIP-3198
        if (IsCancun) { g[(int)Opcode.BLOBHASH] = GasCost.BlobHash; g[(int)Opcode.BLOBBASEFEE] = GasCost.Base; } // EIP-4844, EIP-7516
        g[(int)Opcode.POP] = GasCost.Base;
        g[(int)Opcode.MLOAD] = g[(int)Opcode.MSTORE] = g[(int)Opcode.MSTORE8] = GasCost.VeryLow;
        g[(int)Opcode.SLOAD] = IsBerlin ? 0 : SloadCost; // Berlin charges warm/cold dynamically
        g[(int)Opcode.SSTORE] = 0; // all dynamic
        g[(int)Opcode.JUMP] = GasCost.Mid; g[(int)Opcode.JUMPI] = GasCost.High;
        g[(int)Opcode.PC] = g[(int)Opcode.MSIZE] = g[(int)Opcode.GAS] = GasCost.Base;
        g[(int)Opcode.JUMPDEST] = GasCost.JumpDest;
        if (IsCancun) { g[(int)Opcode.TLOAD] = g[(int)Opcode.TSTORE] = GasCost.TransientStorage; g[(int)Opcode.MCOPY] = GasCost.VeryLow; } // EIP-1153, EIP-5656
        if (IsShanghai) g[(int)Opcode.PUSH0] = GasCost.Base; // EIP-3855
        for (int op = (int)Opcode.PUSH1; op <= (int)Opcode.SWAP16; op++) g[op] = GasCost.VeryLow; // PUSH1..32, DUP, SWAP
        for (int op = (int)Opcode.LOG0; op <= (int)Opcode.LOG4; op++) g[op] = GasCost.Log + (op - (int)Opcode.LOG0) * GasCost.LogTopic;
        g[(int)Opcode.CREATE] = GasCost.Create;
        long call = IsBerlin ? GasCost.WarmStorageRead : IsEip150 ? GasCost.CallEip150 : GasCost.CallFrontier;
        g[(int)Opcode.CALL] = call; g[(int)Opcode.CALLCODE] = call;
        g[(int)Opcode.RETURN] = GasCost.Zero;
        if (IsHomestead) g[(int)Opcode.DELEGATECALL] = call; // EIP-7
        if (IsConstantinople) g[(int)Opcode.CREATE2] = GasCost.Create; // EIP-1014
        if (IsByzantium) { g[(int)Opcode.STATICCALL] = call; g[(int)Opcode.REVERT] = GasCost.Zero; } // EIP-214, EIP-140
        g[(int)Opcode.INVALID] = Undefined; // designated invalid, handled as undefined
        g[(int)Opcode.SELFDESTRUCT] = IsEip150 ? GasCost.SelfDestructEip150 : 0;
    }
}
