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

    private static (HelperKind, MethodInfo)?[] Build()
    {
        var table = new (HelperKind, MethodInfo)?[256];
        void Set(Opcode op, HelperKind kind, string name) => table[(byte)op] = (kind, Method(name));

        Set(Opcode.ADD, HelperKind.Stack, nameof(CompiledOps.Add));
        Set(Opcode.MUL, HelperKind.Stack, nameof(CompiledOps.Mul));
        Set(Opcode.SUB, HelperKind.Stack, nameof(CompiledOps.Sub));
        Set(Opcode.DIV, HelperKind.Stack, nameof(CompiledOps.Div));
        Set(Opcode.SDIV, HelperKind.Stack, nameof(CompiledOps.SDiv));
        Set(Opcode.MOD, HelperKind.Stack, nameof(CompiledOps.Mod));
        Set(Opcode.SMOD, HelperKind.Stack, nameof(CompiledOps.SMod));
        Set(Opcode.ADDMOD, HelperKind.Stack, nameof(CompiledOps.AddMod));
        Set(Opcode.MULMOD, HelperKind.Stack, nameof(CompiledOps.MulMod));
        Set(Opcode.SIGNEXTEND, HelperKind.Stack, nameof(CompiledOps.SignExtend));
        Set(Opcode.LT, HelperKind.Stack, nameof(CompiledOps.Lt));
        Set(Opcode.GT, HelperKind.Stack, nameof(CompiledOps.Gt));
        Set(Opcode.SLT, HelperKind.Stack, nameof(CompiledOps.Slt));
        Set(Opcode.SGT, HelperKind.Stack, nameof(CompiledOps.Sgt));
        Set(Opcode.EQ, HelperKind.Stack, nameof(CompiledOps.Eq));
        Set(Opcode.ISZERO, HelperKind.Stack, nameof(CompiledOps.IsZeroOp));
        Set(Opcode.AND, HelperKind.Stack, nameof(CompiledOps.And));
        Set(Opcode.OR, HelperKind.Stack, nameof(CompiledOps.Or));
        Set(Opcode.XOR, HelperKind.Stack, nameof(CompiledOps.Xor));
        Set(Opcode.NOT, HelperKind.Stack, nameof(CompiledOps.Not));
        Set(Opcode.BYTE, HelperKind.Stack, nameof(CompiledOps.Byte));
        Set(Opcode.SHL, HelperKind.Stack, nameof(CompiledOps.Shl));
        Set(Opcode.SHR, HelperKind.Stack, nameof(CompiledOps.Shr));
        Set(Opcode.SAR, HelperKind.Stack, nameof(CompiledOps.Sar));

        Set(Opcode.ADDRESS, HelperKind.Context, nameof(CompiledOps.Address));
        Set(Opcode.ORIGIN, HelperKind.Context, nameof(CompiledOps.Origin));
        Set(Opcode.CALLER, HelperKind.Context, nameof(CompiledOps.Caller));
        Set(Opcode.CALLVALUE, HelperKind.Context, nameof(CompiledOps.CallValue));
        Set(Opcode.CALLDATALOAD, HelperKind.Context, nameof(CompiledOps.CallDataLoad));
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
        Set(Opcode.EXP, HelperKind.Charging, nameof(CompiledOps.Exp));
        Set(Opcode.SLOAD, HelperKind.Charging, nameof(CompiledOps.SLoad));
        Set(Opcode.SSTORE, HelperKind.Charging, nameof(CompiledOps.SStore));
        Set(Opcode.MLOAD, HelperKind.Charging, nameof(CompiledOps.MLoad));
        Set(Opcode.MSTORE, HelperKind.Charging, nameof(CompiledOps.MStore));
        Set(Opcode.MSTORE8, HelperKind.Charging, nameof(CompiledOps.MStore8));
        Set(Opcode.KECCAK256, HelperKind.Charging, nameof(CompiledOps.Keccak256));
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
