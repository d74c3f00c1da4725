using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OasisEth.Evm.CodeAnalysis;
using OasisEth.Evm.Gas;
using OasisEth.Evm.Instructions;
using OasisEth.Evm.Specs;
using OasisEth.Evm.Tracing;
using OasisEth.Primitives;

namespace OasisEth.Evm;

public sealed partial class EvmInterpreter
{
    /// <summary>
    /// The bytecode loop. One switch the JIT turns into a jump table; handlers do no stack or static-gas checks of
    /// their own. With <see cref="PerBlockChecks"/> those are made once where a block is entered, from the code's
    /// <see cref="BlockChecks"/>: the loop's top checks the block starting at pc, so an instruction that ends a block
    /// continues there (NextBlock), every other goes straight to the next dispatch (Dispatch), and a taken jump checks
    /// the block at its JUMPDEST (JumpedToBlock). A failed block check hands the rest of the frame to the
    /// <see cref="PerInstructionChecks"/> copy of this loop, which checks each instruction from per-opcode tables and
    /// fails exactly where and how the code would. The stack is addressed through a pointer to the frame's pinned
    /// array (<c>top[-1]</c> is the top item). Returns when the frame halts or when it asks for a child frame.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a long loop would otherwise run in on-stack-replacement code, which keeps every local in memory
    private unsafe ExitCode Run<TTracing, TBlocks>(CallFrame f) where TTracing : struct, IFlag where TBlocks : struct, IFlag
    {
        // The engine state is read here and stored back where the frame stops (a child request, a halt), never kept
        // in a local across the loop: one more live object would cost the loop a register.
        EvmFrameState s = _states[f.Depth];
        CodeInfo codeInfo = f.Code;
        EvmMemory memory = s.Memory;
        ExitCode exit;
        // All three tables are pinned or native, so raw pointers need no fixed blocks (whose pinned locals
        // would otherwise be spilled around the loop).
        byte* code = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(codeInfo.Padded)) + CodeInfo.LeadingPadding;
        long* staticGas = (long*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_spec.StaticGas));
        int* minBytes = StackTraits.MinBytes;
        int* spanBytes = StackTraits.SpanBytes;
        ulong* blocks = TBlocks.IsActive
            ? (ulong*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(codeInfo.BlockChecksFor(_spec).Table))
            : null;
        {
            UInt256* stack = (UInt256*)Unsafe.AsPointer(ref s.Stack[0]); // the array is pinned (EvmFrameState)
            UInt256* top = stack + s.StackCount;
            int pc = s.Pc;
            long gas = f.Gas;
            ulong small; // a PUSH1/PUSH2 immediate on its way to PushedSmall

            while (true)
            {
                if (TBlocks.IsActive)
                {
                    ulong check = blocks[pc];
                    if (BlockChecks.Fails(check, (nint)((byte*)top - (byte*)stack), gas)) goto PerInstruction;
                    gas -= BlockChecks.Gas(check);
                }
            Dispatch:
                Opcode op = (Opcode)code[pc];
                if (!TBlocks.IsActive)
                {
                    long cost = staticGas[(byte)op];
                    nint heightBytes = (nint)((byte*)top - (byte*)stack);
                    if (TTracing.IsActive) _trace.Step(f, memory, pc, op, gas, cost, new ReadOnlySpan<UInt256>(stack, (int)(heightBytes / 32)));
                    if ((ulong)(heightBytes - minBytes[(byte)op]) > (ulong)spanBytes[(byte)op])
                    {
                        exit = heightBytes < minBytes[(byte)op] ? ExitCode.StackUnderflow : ExitCode.StackOverflow;
                        goto Halt;
                    }
                    gas -= cost;
                    if (gas < 0)
                    {
                        exit = cost == ForkSpec.Undefined ? ExitCode.InvalidInstruction : ExitCode.OutOfGas;
                        goto Halt;
                    }
                }

                switch (op)
                {
                    case Opcode.STOP: exit = ExitCode.Stop; f.Output = []; goto Halt;
                    case Opcode.ADD: UInt256.Add(in top[-1], in top[-2], out top[-2]); top--; break;
                    case Opcode.MUL: UInt256.Multiply(in top[-1], in top[-2], out top[-2]); top--; break;
                    case Opcode.SUB: UInt256.Subtract(in top[-1], in top[-2], out top[-2]); top--; break;
                    case Opcode.DIV:
                    {
                        // Code compiled without shift opcodes divides by powers of two to shift right, often by
                        // divisors above 2^64, where the general division is the slow multi-limb path.
                        if (UInt256.IsPowerOfTwo(in top[-2])) UInt256.ShiftRight(in top[-1], top[-2].BitLength - 1, out top[-2]);
                        else UInt256.Divide(in top[-1], in top[-2], out top[-2]);
                        top--; break;
                    }
                    case Opcode.SDIV: UInt256.SignedDivide(in top[-1], in top[-2], out top[-2]); top--; break;
                    case Opcode.MOD: UInt256.Mod(in top[-1], in top[-2], out top[-2]); top--; break;
                    case Opcode.SMOD: UInt256.SignedMod(in top[-1], in top[-2], out top[-2]); top--; break;
                    case Opcode.ADDMOD: UInt256.AddMod(in top[-1], in top[-2], in top[-3], out top[-3]); top -= 2; break;
                    case Opcode.MULMOD: UInt256.MulMod(in top[-1], in top[-2], in top[-3], out top[-3]); top -= 2; break;
                    case Opcode.EXP:
                    {
                        long expCost = _spec.ExpByteCost * top[-2].ByteLength;
                        gas -= expCost;
                        if (gas < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        UInt256.Exp(in top[-1], in top[-2], out top[-2]); top--; goto NextBlock;
                    }
                    case Opcode.SIGNEXTEND: UInt256.SignExtend(in top[-1], in top[-2], out top[-2]); top--; break;

                    case Opcode.LT: top[-2] = UInt256.LessThan(in top[-1], in top[-2]) ? UInt256.One : UInt256.Zero; top--; break;
                    case Opcode.GT: top[-2] = UInt256.GreaterThan(in top[-1], in top[-2]) ? UInt256.One : UInt256.Zero; top--; break;
                    case Opcode.SLT: top[-2] = UInt256.SignedLessThan(in top[-1], in top[-2]) ? UInt256.One : UInt256.Zero; top--; break;
                    case Opcode.SGT: top[-2] = UInt256.SignedGreaterThan(in top[-1], in top[-2]) ? UInt256.One : UInt256.Zero; top--; break;
                    case Opcode.EQ: top[-2] = top[-1].Equals(top[-2]) ? UInt256.One : UInt256.Zero; top--; break;
                    case Opcode.ISZERO: top[-1] = top[-1].IsZero ? UInt256.One : UInt256.Zero; break;
                    case Opcode.AND: UInt256.And(in top[-1], in top[-2], out top[-2]); top--; break;
                    case Opcode.OR: UInt256.Or(in top[-1], in top[-2], out top[-2]); top--; break;
                    case Opcode.XOR: UInt256.Xor(in top[-1], in top[-2], out top[-2]); top--; break;
                    case Opcode.NOT: UInt256.Not(in top[-1], out top[-1]); break;
                    case Opcode.BYTE: UInt256.Byte(in top[-1], in top[-2], out top[-2]); top--; break;
                    case Opcode.SHL: UInt256.ShiftLeft(in top[-2], ShiftAmount(in top[-1]), out top[-2]); top--; break;
                    case Opcode.SHR: UInt256.ShiftRight(in top[-2], ShiftAmount(in top[-1]), out top[-2]); top--; break;
                    case Opcode.SAR: UInt256.ShiftRightArithmetic(in top[-2], ShiftAmount(in top[-1]), out top[-2]); top--; break;

                    case Opcode.KECCAK256:
                    {
                        if ((gas = ChargeCopy(memory, in top[-1], in top[-2], GasCost.KeccakWord, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        var data = top[-2].IsZero ? ReadOnlySpan<byte>.Empty : memory.Slice((long)top[-1].u0, (long)top[-2].u0);
                        top[-2] = Keccak.Compute(data).ToWord();
                        top--; goto NextBlock;
                    }

                    case Opcode.ADDRESS: top[0] = f.Address.ToWord(); top++; break;
                    case Opcode.BALANCE:
                    {
                        var address = Address.FromWord(in top[-1]);
                        if ((gas = ChargeAccountAccess(in address, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top[-1] = _host.GetBalance(address); goto NextBlock;
                    }
                    case Opcode.ORIGIN: top[0] = _tx.Origin.ToWord(); top++; break;
                    case Opcode.CALLER: top[0] = f.Caller.ToWord(); top++; break;
                    case Opcode.CALLVALUE: top[0] = f.Value; top++; break;
                    case Opcode.CALLDATALOAD: top[-1] = LoadWordPadded(f.Input, in top[-1]); break;
                    case Opcode.CALLDATASIZE: top[0] = (ulong)f.Input.Length; top++; break;
                    case Opcode.CALLDATACOPY:
                        if ((gas = CopyToMemory(memory, in top[-1], in top[-2], in top[-3], f.Input, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top -= 3; goto NextBlock;
                    case Opcode.CODESIZE: top[0] = (ulong)f.Code.Length; top++; break;
                    case Opcode.CODECOPY:
                        if ((gas = CopyToMemory(memory, in top[-1], in top[-2], in top[-3], f.Code.Code, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top -= 3; goto NextBlock;
                    case Opcode.GASPRICE: top[0] = _tx.GasPrice; top++; break;
                    case Opcode.EXTCODESIZE:
                    {
                        var address = Address.FromWord(in top[-1]);
                        if ((gas = ChargeAccountAccess(in address, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top[-1] = (ulong)_host.GetCodeSize(address); goto NextBlock;
                    }
                    case Opcode.EXTCODECOPY:
                    {
                        var address = Address.FromWord(in top[-1]);
                        if ((gas = ChargeAccountAccess(in address, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        if ((gas = CopyToMemory(memory, in top[-2], in top[-3], in top[-4], _host.GetCode(address), gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top -= 4; goto NextBlock;
                    }
                    case Opcode.RETURNDATASIZE: top[0] = (ulong)f.ReturnData.Length; top++; break;
                    case Opcode.RETURNDATACOPY:
                    {
                        if ((gas = ChargeCopy(memory, in top[-1], in top[-3], GasCost.Copy, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        ref readonly UInt256 src = ref top[-2];
                        ref readonly UInt256 len = ref top[-3];
                        if (!src.FitsInUlong || !len.FitsInUlong || src.u0 + len.u0 < src.u0 || src.u0 + len.u0 > (ulong)f.ReturnData.Length)
                        { exit = ExitCode.ReturnDataOutOfBounds; goto Halt; }
                        if (!len.IsZero) f.ReturnData.AsSpan((int)src.u0, (int)len.u0).CopyTo(memory.Slice((long)top[-1].u0, (long)len.u0));
                        top -= 3; goto NextBlock;
                    }
                    case Opcode.EXTCODEHASH:
                    {
                        var address = Address.FromWord(in top[-1]);
                        if ((gas = ChargeAccountAccess(in address, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top[-1] = _host.GetCodeHash(address).ToWord();
                        goto NextBlock;
                    }

                    case Opcode.BLOCKHASH: top[-1] = BlockHash(in top[-1]); break;
                    case Opcode.COINBASE: top[0] = _block.Coinbase.ToWord(); top++; break;
                    case Opcode.TIMESTAMP: top[0] = _block.Timestamp; top++; break;
                    case Opcode.NUMBER: top[0] = _block.Number; top++; break;
                    case Opcode.PREVRANDAO: top[0] = _spec.IsParis ? _block.PrevRandao : _block.Difficulty; top++; break;
                    case Opcode.GASLIMIT: top[0] = _block.GasLimit; top++; break;
                    case Opcode.CHAINID: top[0] = _block.ChainId; top++; break;
                    case Opcode.SELFBALANCE: top[0] = _host.GetBalance(f.Address); top++; break;
                    case Opcode.BASEFEE: top[0] = _block.BaseFee; top++; break;
                    case Opcode.BLOBHASH:
                    {
                        var hashes = _tx.BlobHashes;
                        top[-1] = top[-1].FitsInUlong && top[-1].u0 < (ulong)hashes.Length ? hashes[(int)top[-1].u0].ToWord() : UInt256.Zero;
                        break;
                    }
                    case Opcode.BLOBBASEFEE: top[0] = _block.BlobBaseFee; top++; break;

                    case Opcode.POP: top--; break;
                    case Opcode.MLOAD:
                    {
                        if ((gas = ChargeMemory(memory, in top[-1], 32, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top[-1] = UInt256.FromBigEndian(memory.Slice((long)top[-1].u0, 32));
                        goto NextBlock;
                    }
                    case Opcode.MSTORE:
                    {
                        if ((gas = ChargeMemory(memory, in top[-1], 32, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top[-2].WriteBigEndian(memory.Slice((long)top[-1].u0, 32));
                        top -= 2; goto NextBlock;
                    }
                    case Opcode.MSTORE8:
                    {
                        if ((gas = ChargeMemory(memory, in top[-1], 1, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        memory.At((long)top[-1].u0) = (byte)top[-2].u0;
                        top -= 2; goto NextBlock;
                    }
                    case Opcode.SLOAD:
                    {
                        StorageRead read = _host.LoadStorage(f.Address, in top[-1]);
                        if (_spec.IsBerlin)
                        {
                            gas -= read.WasCold ? GasCost.ColdSload : GasCost.WarmStorageRead;
                            if (gas < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        }
                        top[-1] = read.Value;
                        goto NextBlock;
                    }
                    case Opcode.SSTORE:
                    {
                        if (f.IsStatic) { exit = ExitCode.StaticStateChange; goto Halt; }
                        if ((gas = StorageStore(f, in top[-1], in top[-2], gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top -= 2; goto NextBlock;
                    }
                    case Opcode.JUMP:
                    {
                        ref readonly UInt256 dest = ref top[-1];
                        if (!dest.FitsInUlong || !codeInfo.IsValidJumpDest(dest.u0)) { exit = ExitCode.BadJumpDestination; goto Halt; }
                        // Every loop jumps, so an endless execution keeps passing here. Checked on every taken jump,
                        // not only backward ones: the direction test is a data-dependent branch that mispredicts on
                        // code jumping both ways (evmone's jump_around: +40%), while the flag is one load and a branch
                        // that always goes the same way (see _interrupted).
                        if (_interrupted) { exit = ExitCode.Interrupted; goto Halt; }
                        pc = (int)dest.u0;
                        top--;
                        if (TBlocks.IsActive) goto JumpedToBlock;
                        continue;
                    }
                    case Opcode.JUMPI:
                    {
                        if (!top[-2].IsZero)
                        {
                            ref readonly UInt256 dest = ref top[-1];
                            if (!dest.FitsInUlong || !codeInfo.IsValidJumpDest(dest.u0)) { exit = ExitCode.BadJumpDestination; goto Halt; }
                            if (_interrupted) { exit = ExitCode.Interrupted; goto Halt; }
                            pc = (int)dest.u0;
                            top -= 2;
                            if (TBlocks.IsActive) goto JumpedToBlock;
                            continue;
                        }
                        top -= 2; goto NextBlock;
                    }
                    case Opcode.PC: top[0] = (ulong)pc; top++; break;
                    case Opcode.MSIZE: top[0] = (ulong)memory.Size; top++; break;
                    case Opcode.GAS: top[0] = (ulong)gas; top++; goto NextBlock;
                    case Opcode.JUMPDEST:
                        // Checked per block, a JUMPDEST run on into is paid with its block, and so is a run of them:
                        // skipped in one step (a dispatch each would cost contracts padded with JUMPDESTs dearly).
                        if (TBlocks.IsActive && code[pc + 1] == (byte)Opcode.JUMPDEST) pc += JumpDestRunAfter(code, pc, codeInfo.Length);
                        break;

                    case Opcode.TLOAD: top[-1] = _host.LoadTransient(f.Address, in top[-1]); break;
                    case Opcode.TSTORE:
                        if (f.IsStatic) { exit = ExitCode.StaticStateChange; goto Halt; }
                        _host.StoreTransient(f.Address, in top[-1], in top[-2]);
                        top -= 2; break;
                    case Opcode.MCOPY:
                    {
                        if ((gas = MemoryCopy(memory, in top[-1], in top[-2], in top[-3], gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top -= 3; goto NextBlock;
                    }
                    case Opcode.PUSH0: top[0] = UInt256.Zero; top++; break;

                    case Opcode.PUSH1: // PUSH1 and PUSH2, the pushes of jump targets, without the general path
                        small = code[pc + 1];
                        pc += 2;
                        goto PushedSmall;
                    case Opcode.PUSH2:
                        small = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ushort>(code + pc + 1));
                        pc += 3;
                        goto PushedSmall;
                    case Opcode.PUSH3: case Opcode.PUSH4: case Opcode.PUSH5: case Opcode.PUSH6: case Opcode.PUSH7: case Opcode.PUSH8: case Opcode.PUSH9:
                    case Opcode.PUSH10: case Opcode.PUSH11: case Opcode.PUSH12: case Opcode.PUSH13: case Opcode.PUSH14: case Opcode.PUSH15: case Opcode.PUSH16: case Opcode.PUSH17:
                    case Opcode.PUSH18: case Opcode.PUSH19: case Opcode.PUSH20: case Opcode.PUSH21: case Opcode.PUSH22: case Opcode.PUSH23: case Opcode.PUSH24: case Opcode.PUSH25:
                    case Opcode.PUSH26: case Opcode.PUSH27: case Opcode.PUSH28: case Opcode.PUSH29: case Opcode.PUSH30: case Opcode.PUSH31: case Opcode.PUSH32:
                    {
                        int n = op - Opcode.PUSH0;
                        top[0] = PushValue(code + pc + 1 + n, n);
                        top++;
                        pc += n + 1;
                        goto Dispatch;
                    }
                    case Opcode.DUP1: case Opcode.DUP2: case Opcode.DUP3: case Opcode.DUP4: case Opcode.DUP5: case Opcode.DUP6: case Opcode.DUP7: case Opcode.DUP8:
                    case Opcode.DUP9: case Opcode.DUP10: case Opcode.DUP11: case Opcode.DUP12: case Opcode.DUP13: case Opcode.DUP14: case Opcode.DUP15: case Opcode.DUP16:
                        top[0] = top[-(op - Opcode.DUP1 + 1)];
                        top++;
                        break;
                    case Opcode.SWAP1: case Opcode.SWAP2: case Opcode.SWAP3: case Opcode.SWAP4: case Opcode.SWAP5: case Opcode.SWAP6: case Opcode.SWAP7: case Opcode.SWAP8:
                    case Opcode.SWAP9: case Opcode.SWAP10: case Opcode.SWAP11: case Opcode.SWAP12: case Opcode.SWAP13: case Opcode.SWAP14: case Opcode.SWAP15: case Opcode.SWAP16:
                    {
                        int n = op - Opcode.SWAP1 + 1;
                        (top[-1], top[-1 - n]) = (top[-1 - n], top[-1]);
                        break;
                    }
                    case Opcode.LOG0: case Opcode.LOG1: case Opcode.LOG2: case Opcode.LOG3: case Opcode.LOG4:
                    {
                        if (f.IsStatic) { exit = ExitCode.StaticStateChange; goto Halt; }
                        int topics = op - Opcode.LOG0;
                        if ((gas = ChargeLogData(memory, in top[-1], in top[-2], gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        EmitLog(f, memory, top, topics);
                        top -= 2 + topics;
                        goto NextBlock;
                    }

                    case Opcode.CREATE: case Opcode.CREATE2:
                    case Opcode.CALL: case Opcode.CALLCODE: case Opcode.DELEGATECALL: case Opcode.STATICCALL:
                    {
                        // The request goes to the frame loop, which starts the child (or finishes it at once) and
                        // resumes this frame through Resume: pc, gas and stack are stored for that.
                        EvmFrameState state = _states[f.Depth];
                        state.Pc = pc; f.Gas = gas; state.StackCount = (int)(top - stack);
                        exit = op is Opcode.CREATE or Opcode.CREATE2
                            ? InstructionCreate(f, state, op == Opcode.CREATE2 ? CallKind.Create2 : CallKind.Create)
                            : InstructionCall(f, state, op);
                        if (exit == ExitCode.ChildRequested)
                        {
                            // The step's cost is what the instruction charged, before any gas comes back.
                            if (TTracing.IsActive) _trace.FlushStep(_trace.StepGas - _trace.GasLeftAfterCallCharge);
                            return exit;
                        }
                        top = stack + state.StackCount; gas = f.Gas; pc = state.Pc; // a failure
                        goto Halt;
                    }
                    case Opcode.RETURN: case Opcode.REVERT:
                    {
                        if ((gas = ChargeMemory(memory, in top[-1], in top[-2], gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        f.Output = top[-2].IsZero ? [] : memory.Slice((long)top[-1].u0, (long)top[-2].u0).ToArray();
                        top -= 2;
                        exit = op == Opcode.RETURN ? ExitCode.Return : ExitCode.Revert;
                        goto Halt;
                    }
                    case Opcode.SELFDESTRUCT:
                    {
                        if (f.IsStatic) { exit = ExitCode.StaticStateChange; goto Halt; }
                        if ((gas = SelfDestruct(f, in top[-1], gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top--;
                        exit = ExitCode.Stop;
                        f.Output = [];
                        goto Halt;
                    }
                    default:
                        exit = ExitCode.InvalidInstruction;
                        goto Halt;
                }
                pc++;
                goto Dispatch;

            NextBlock: // the instruction at pc ended its block: the next one starts a block
                pc++;
                continue;

            JumpedToBlock: // a taken jump to the JUMPDEST at pc: check its block, which pays for the JUMPDEST, and run past it
                {
                    ulong check = blocks[pc];
                    if (BlockChecks.Fails(check, (nint)((byte*)top - (byte*)stack), gas)) goto PerInstruction;
                    gas -= BlockChecks.Gas(check);
                    pc++;
                    goto Dispatch;
                }

            PushedSmall:
                // PUSH1/PUSH2 followed by JUMP or JUMPI (how compiled code jumps) run as one instruction when the jump
                // cannot fail: its gas and stack were checked with its block (it is the block's last instruction) and a
                // taken jump's destination is valid. A bad destination is left to the jump itself, so it fails where it
                // would. The tracer sees every instruction, so only the block-checked loop fuses.
                if (TBlocks.IsActive)
                {
                    var next = (Opcode)code[pc];
                    if (next == Opcode.JUMPI) // condition at top[-1], under the destination we skip pushing
                    {
                        if (top[-1].IsZero) { top--; goto NextBlock; }
                        if (codeInfo.IsValidJumpDest(small))
                        {
                            if (_interrupted) { exit = ExitCode.Interrupted; goto Halt; }
                            top--;
                            pc = (int)small;
                            goto JumpedToBlock;
                        }
                    }
                    else if (next == Opcode.JUMP)
                    {
                        // Linked (BlockChecks): the destination, a valid JUMPDEST, was checked and paid with this block.
                        if (blocks[pc] == BlockChecks.LinkedJump)
                        {
                            if (_interrupted) { exit = ExitCode.Interrupted; goto Halt; }
                            pc = (int)small + 1;
                            goto Dispatch;
                        }
                        if (codeInfo.IsValidJumpDest(small))
                        {
                            if (_interrupted) { exit = ExitCode.Interrupted; goto Halt; }
                            pc = (int)small;
                            goto JumpedToBlock;
                        }
                    }
                }
                top[0] = new UInt256(small);
                top++;
                goto Dispatch;
            }

        PerInstruction: // a block check failed at pc, before anything of the block ran
            {
                EvmFrameState state = _states[f.Depth];
                state.Pc = pc;
                state.StackCount = (int)(top - stack);
            }
            f.Gas = gas;
            return Run<TTracing, PerInstructionChecks>(f);

        Halt:
            {
                EvmFrameState state = _states[f.Depth];
                state.Pc = pc;
                state.StackCount = (int)(top - stack);
            }
            f.Gas = exit.IsSuccess() || exit == ExitCode.Revert ? gas : 0;
            if (TTracing.IsActive) _trace.Halt(exit, gas);
            if (exit != ExitCode.Revert && !exit.IsSuccess()) f.Output = [];
            return exit;
        }
    }

    /// <summary>
    /// PUSHn's immediate: the 32 bytes ending at <paramref name="end"/> read as four big-endian limbs, bytes
    /// before the immediate masked off. The code's leading padding keeps the read in bounds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe UInt256 PushValue(byte* end, int n)
    {
        ulong u0 = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(end - 8));
        ulong u1 = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(end - 16));
        ulong u2 = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(end - 24));
        ulong u3 = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(end - 32));
        int bits = n * 8; // 16..256
        if (bits < 64) return new UInt256(u0 & ((1UL << bits) - 1));
        if (bits < 128) return new UInt256(u0, bits == 64 ? 0 : u1 & ((1UL << (bits - 64)) - 1));
        if (bits < 192) return new UInt256(u0, u1, bits == 128 ? 0 : u2 & ((1UL << (bits - 128)) - 1));
        return new UInt256(u0, u1, u2, bits == 192 ? 0 : bits == 256 ? u3 : u3 & ((1UL << (bits - 192)) - 1));
    }

    /// <summary>How many JUMPDEST bytes follow the one at <paramref name="pc"/> (JUMPDEST is never a PUSH, so every byte
    /// of the run is an instruction). Kept out of line: the loop pays for the call only on a run.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe int JumpDestRunAfter(byte* code, int pc, int length)
    {
        int found = new ReadOnlySpan<byte>(code + pc + 1, length - pc - 1).IndexOfAnyExcept((byte)Opcode.JUMPDEST);
        return found < 0 ? length - pc - 1 : found;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ShiftAmount(in UInt256 shift) => shift.FitsInUlong && shift.u0 < 256 ? (int)shift.u0 : 256;
}
