using OasisEth.Evm.Compiler.Execution;
using OasisEth.Primitives;

namespace OasisEth.Evm.Compiler.Emit;

/// <summary>Stack-only instructions whose operands are all constants are computed while compiling (Solidity builds its
/// masks and selectors that way: <c>PUSH1 1 PUSH1 0xa0 SHL SUB</c>), by the very <see cref="WordOps"/> the compiled code
/// would call.</summary>
internal static class ConstantFolding
{
    public static bool TryFold(Opcode op, in UInt256 a, in UInt256 b, in UInt256 c, out UInt256 r)
    {
        switch (op)
        {
            case Opcode.ADD: WordOps.Add(in a, in b, out r); return true;
            case Opcode.MUL: WordOps.Mul(in a, in b, out r); return true;
            case Opcode.SUB: WordOps.Sub(in a, in b, out r); return true;
            case Opcode.DIV: WordOps.Div(in a, in b, out r); return true;
            case Opcode.SDIV: WordOps.SDiv(in a, in b, out r); return true;
            case Opcode.MOD: WordOps.Mod(in a, in b, out r); return true;
            case Opcode.SMOD: WordOps.SMod(in a, in b, out r); return true;
            case Opcode.ADDMOD: WordOps.AddMod(in a, in b, in c, out r); return true;
            case Opcode.MULMOD: WordOps.MulMod(in a, in b, in c, out r); return true;
            case Opcode.SIGNEXTEND: WordOps.SignExtend(in a, in b, out r); return true;
            case Opcode.LT: WordOps.Lt(in a, in b, out r); return true;
            case Opcode.GT: WordOps.Gt(in a, in b, out r); return true;
            case Opcode.SLT: WordOps.Slt(in a, in b, out r); return true;
            case Opcode.SGT: WordOps.Sgt(in a, in b, out r); return true;
            case Opcode.EQ: WordOps.Eq(in a, in b, out r); return true;
            case Opcode.ISZERO: WordOps.IsZero(in a, out r); return true;
            case Opcode.AND: WordOps.And(in a, in b, out r); return true;
            case Opcode.OR: WordOps.Or(in a, in b, out r); return true;
            case Opcode.XOR: WordOps.Xor(in a, in b, out r); return true;
            case Opcode.NOT: WordOps.Not(in a, out r); return true;
            case Opcode.BYTE: WordOps.Byte(in a, in b, out r); return true;
            case Opcode.SHL: WordOps.Shl(in a, in b, out r); return true;
            case Opcode.SHR: WordOps.Shr(in a, in b, out r); return true;
            case Opcode.SAR: WordOps.Sar(in a, in b, out r); return true;
            default: r = default; return false;
        }
    }
}
