using System.Reflection;
using OasisEth.Evm.Compiler.Execution;

namespace OasisEth.Evm.Compiler.Emit;

/// <summary>The helper each opcode compiles to a call of (PUSH, DUP, SWAP, POP, JUMPDEST, PC, jumps, logs, calls and
/// GAS are emitted specially and are not here). An opcode with no entry compiles to a hand-over to the interpreter.</summary>
internal static class OpcodeHelpers
{
    private static readonly (HelperKind Kind, MethodInfo Method)?[] Table = Build();

    public static (HelperKind Kind, MethodInfo Method)? For(Opcode op) => Table[(byte)op];

    public static MethodInfo Method(string name) =>
        typeof(CompiledOps).GetMethod(name, BindingFlags.Public | BindingFlags.Static)
        ?? throw new InvalidOperationException("no helper " + name);

    private static MethodInfo WordMethod(string name) =>
        typeof(WordOps).GetMethod(name, BindingFlags.Public | BindingFlags.Static)
        ?? throw new InvalidOperationException("no word operation " + name);

    private static (HelperKind, MethodInfo)?[] Build()
    {
        var table = new (HelperKind, MethodInfo)?[256];
        void Set(Opcode op, HelperKind kind, string name) => table[(byte)op] = (kind, kind == HelperKind.Word ? WordMethod(name) : Method(name));

        Set(Opcode.ADD, HelperKind.Word, nameof(WordOps.Add));
        Set(Opcode.MUL, HelperKind.Word, nameof(WordOps.Mul));
        Set(Opcode.SUB, HelperKind.Word, nameof(WordOps.Sub));
        Set(Opcode.DIV, HelperKind.Word, nameof(WordOps.Div));
        Set(Opcode.SDIV, HelperKind.Word, nameof(WordOps.SDiv));
        Set(Opcode.MOD, HelperKind.Word, nameof(WordOps.Mod));
        Set(Opcode.SMOD, HelperKind.Word, nameof(WordOps.SMod));
        Set(Opcode.ADDMOD, HelperKind.Word, nameof(WordOps.AddMod));
        Set(Opcode.MULMOD, HelperKind.Word, nameof(WordOps.MulMod));
        Set(Opcode.SIGNEXTEND, HelperKind.Word, nameof(WordOps.SignExtend));
        Set(Opcode.LT, HelperKind.Word, nameof(WordOps.Lt));
        Set(Opcode.GT, HelperKind.Word, nameof(WordOps.Gt));
        Set(Opcode.SLT, HelperKind.Word, nameof(WordOps.Slt));
        Set(Opcode.SGT, HelperKind.Word, nameof(WordOps.Sgt));
        Set(Opcode.EQ, HelperKind.Word, nameof(WordOps.Eq));
        Set(Opcode.ISZERO, HelperKind.Word, nameof(WordOps.IsZero));
        Set(Opcode.AND, HelperKind.Word, nameof(WordOps.And));
        Set(Opcode.OR, HelperKind.Word, nameof(WordOps.Or));
        Set(Opcode.XOR, HelperKind.Word, nameof(WordOps.Xor));
        Set(Opcode.NOT, HelperKind.Word, nameof(WordOps.Not));
        Set(Opcode.BYTE, HelperKind.Word, nameof(WordOps.Byte));
        Set(Opcode.SHL, HelperKind.Word, nameof(WordOps.Shl));
        Set(Opcode.SHR, HelperKind.Word, nameof(WordOps.Shr));
        Set(Opcode.SAR, HelperKind.Word, nameof(WordOps.Sar));

        Set(Opcode.ADDRESS, HelperKind.Context, nameof(CompiledOps.Address));
        Set(Opcode.ORIGIN, HelperKind.Context, nameof(CompiledOps.Origin));
        Set(Opcode.CALLER, HelperKind.Context, nameof(CompiledOps.Caller));
        Set(Opcode.CALLVALUE, HelperKind.Context, nameof(CompiledOps.CallValue));
        Set(Opcode.CALLDATALOAD, HelperKind.WordContext, nameof(CompiledOps.CallDataLoadWord));
        Set(Opcode.CALLDATASIZE, HelperKind.Context, nameof(CompiledOps.CallDataSize));
        Set(Opcode.CODESIZE, HelperKind.Context, nameof(CompiledOps.CodeSize));
        Set(Opcode.GASPRICE, HelperKind.Context, nameof(CompiledOps.GasPrice));
        Set(Opcode.RETURNDATASIZE, HelperKind.Context, nameof(CompiledOps.ReturnDataSize));
        Set(Opcode.BLOCKHASH, HelperKind.Context, nameof(CompiledOps.BlockHash));
        Set(Opcode.COINBASE, HelperKind.Context, nameof(CompiledOps.Coinbase));
        Set(Opcode.TIMESTAMP, HelperKind.Context, nameof(CompiledOps.Timestamp));
        Set(Opcode.NUMBER, HelperKind.Context, nameof(CompiledOps.Number));
        Set(Opcode.PREVRANDAO, HelperKind.Context, nameof(CompiledOps.PrevRandao));
        Set(Opcode.GASLIMIT, HelperKind.Context, nameof(CompiledOps.GasLimit));
        Set(Opcode.CHAINID, HelperKind.Context, nameof(CompiledOps.ChainId));
        Set(Opcode.SELFBALANCE, HelperKind.Context, nameof(CompiledOps.SelfBalance));
        Set(Opcode.BASEFEE, HelperKind.Context, nameof(CompiledOps.BaseFee));
        Set(Opcode.BLOBHASH, HelperKind.Context, nameof(CompiledOps.BlobHash));
        Set(Opcode.BLOBBASEFEE, HelperKind.Context, nameof(CompiledOps.BlobBaseFee));
        Set(Opcode.MSIZE, HelperKind.Context, nameof(CompiledOps.MSize));
        Set(Opcode.TLOAD, HelperKind.Context, nameof(CompiledOps.TLoad));

        Set(Opcode.TSTORE, HelperKind.Charging, nameof(CompiledOps.TStore));
        Set(Opcode.BALANCE, HelperKind.Charging, nameof(CompiledOps.Balance));
        Set(Opcode.EXTCODESIZE, HelperKind.Charging, nameof(CompiledOps.ExtCodeSize));
        Set(Opcode.EXTCODEHASH, HelperKind.Charging, nameof(CompiledOps.ExtCodeHash));
        Set(Opcode.EXTCODECOPY, HelperKind.Charging, nameof(CompiledOps.ExtCodeCopy));
        Set(Opcode.EXP, HelperKind.WordCharging, nameof(CompiledOps.ExpWord));
        Set(Opcode.SLOAD, HelperKind.WordCharging, nameof(CompiledOps.SLoadWord));
        Set(Opcode.SSTORE, HelperKind.WordCharging, nameof(CompiledOps.SStoreWord));
        Set(Opcode.MLOAD, HelperKind.WordCharging, nameof(CompiledOps.MLoadWord));
        Set(Opcode.MSTORE, HelperKind.WordCharging, nameof(CompiledOps.MStoreWord));
        Set(Opcode.MSTORE8, HelperKind.WordCharging, nameof(CompiledOps.MStore8Word));
        Set(Opcode.KECCAK256, HelperKind.WordCharging, nameof(CompiledOps.Keccak256Word));
        Set(Opcode.CALLDATACOPY, HelperKind.Charging, nameof(CompiledOps.CallDataCopy));
        Set(Opcode.CODECOPY, HelperKind.Charging, nameof(CompiledOps.CodeCopy));
        Set(Opcode.RETURNDATACOPY, HelperKind.Charging, nameof(CompiledOps.ReturnDataCopy));
        Set(Opcode.MCOPY, HelperKind.Charging, nameof(CompiledOps.MCopy));

        Set(Opcode.STOP, HelperKind.Halting, nameof(CompiledOps.Stop));
        Set(Opcode.RETURN, HelperKind.Halting, nameof(CompiledOps.Return));
        Set(Opcode.REVERT, HelperKind.Halting, nameof(CompiledOps.Revert));
        Set(Opcode.SELFDESTRUCT, HelperKind.Halting, nameof(CompiledOps.SelfDestruct));
        return table;
    }
}
