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
    /// The bytecode loop. One switch the JIT turns into a jump table; stack requirements and static gas come
    /// from per-opcode tables checked before the handler, so handlers do no checks of their own. The stack is
    /// addressed through a pointer to the frame's pinned array (<c>top[-1]</c> is the top item).
    /// Returns when the frame halts or when it asks for a child frame.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a long loop would otherwise run in on-stack-replacement code, which keeps every local in memory
    private unsafe ExitCode Run<TTracing>(CallFrame f, EvmFrameState s) where TTracing : struct, IFlag
    {
        CodeInfo codeInfo = f.Code;
        EvmMemory memory = s.Memory;
        ExitCode exit;
        // All three tables are pinned or native, so raw pointers need no fixed blocks (whose pinned locals
        // would otherwise be spilled around the loop).
        byte* code = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(codeInfo.Padded)) + CodeInfo.LeadingPadding;
        long* staticGas = (long*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_spec.StaticGas));
        int* minBytes = StackTraits.MinBytes;
        int* spanBytes = StackTraits.SpanBytes;
        {
            UInt256* stack = (UInt256*)Unsafe.AsPointer(ref s.Stack[0]); // the array is pinned (EvmFrameState)
            UInt256* top = stack + s.StackCount;
            int pc = s.Pc;
            long gas = f.Gas;
            ulong small; // a PUSH1/PUSH2 immediate on its way to PushedSmall
            // RunJumpDest: a taken jump's destination is a JUMPDEST (checked), so the untraced loop runs it as part of
            // the jump, one dispatch fewer per jump. Running out of gas there is the JUMPDEST's out-of-gas, as exact
            // as if it were dispatched: the frame fails with all its gas gone either way.
            long jumpDestCost = staticGas[0x5b];

            while (true)
            {
                byte op = code[pc];
                long cost = staticGas[op];
                nint heightBytes = (nint)((byte*)top - (byte*)stack);
                if (TTracing.IsActive) _trace.Step(f, memory, pc, op, gas, cost, new ReadOnlySpan<UInt256>(stack, (int)(heightBytes / 32)));
                if ((ulong)(heightBytes - minBytes[op]) > (ulong)spanBytes[op])
                {
                    exit = heightBytes < minBytes[op] ? ExitCode.StackUnderflow : ExitCode.StackOverflow;
                    goto Halt;
                }
                gas -= cost;
                if (gas < 0)
                {
                    exit = cost == ForkSpec.Undefined ? ExitCode.InvalidInstruction : ExitCode.OutOfGas;
                    goto Halt;
                }

                switch (op)
                {
                    case 0x00: exit = ExitCode.Stop; f.Output = []; goto Halt;
                    case 0x01: UInt256.Add(in top[-1], in top[-2], out top[-2]); top--; break;
                    case 0x02: UInt256.Multiply(in top[-1], in top[-2], out top[-2]); top--; break;
                    case 0x03: UInt256.Subtract(in top[-1], in top[-2], out top[-2]); top--; break;
                    case 0x04:
                    {
                        // Code compiled without shift opcodes divides by powers of two to shift right, often by
                        // divisors above 2^64, where the general division is the slow multi-limb path.
                        if (UInt256.IsPowerOfTwo(in top[-2])) UInt256.ShiftRight(in top[-1], top[-2].BitLength - 1, out top[-2]);
                        else UInt256.Divide(in top[-1], in top[-2], out top[-2]);
                        top--; break;
                    }
                    case 0x05: UInt256.SignedDivide(in top[-1], in top[-2], out top[-2]); top--; break;
                    case 0x06: UInt256.Mod(in top[-1], in top[-2], out top[-2]); top--; break;
                    case 0x07: UInt256.SignedMod(in top[-1], in top[-2], out top[-2]); top--; break;
                    case 0x08: UInt256.AddMod(in top[-1], in top[-2], in top[-3], out top[-3]); top -= 2; break;
                    case 0x09: UInt256.MulMod(in top[-1], in top[-2], in top[-3], out top[-3]); top -= 2; break;
                    case 0x0a:
                    {
                        long expCost = _spec.ExpByteCost * top[-2].ByteLength;
                        gas -= expCost;
                        if (gas < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        UInt256.Exp(in top[-1], in top[-2], out top[-2]); top--; break;
                    }
                    case 0x0b: UInt256.SignExtend(in top[-1], in top[-2], out top[-2]); top--; break;

                    case 0x10: top[-2] = UInt256.LessThan(in top[-1], in top[-2]) ? UInt256.One : UInt256.Zero; top--; break;
                    case 0x11: top[-2] = UInt256.GreaterThan(in top[-1], in top[-2]) ? UInt256.One : UInt256.Zero; top--; break;
                    case 0x12: top[-2] = UInt256.SignedLessThan(in top[-1], in top[-2]) ? UInt256.One : UInt256.Zero; top--; break;
                    case 0x13: top[-2] = UInt256.SignedGreaterThan(in top[-1], in top[-2]) ? UInt256.One : UInt256.Zero; top--; break;
                    case 0x14: top[-2] = top[-1].Equals(top[-2]) ? UInt256.One : UInt256.Zero; top--; break;
                    case 0x15: top[-1] = top[-1].IsZero ? UInt256.One : UInt256.Zero; break;
                    case 0x16: UInt256.And(in top[-1], in top[-2], out top[-2]); top--; break;
                    case 0x17: UInt256.Or(in top[-1], in top[-2], out top[-2]); top--; break;
                    case 0x18: UInt256.Xor(in top[-1], in top[-2], out top[-2]); top--; break;
                    case 0x19: UInt256.Not(in top[-1], out top[-1]); break;
                    case 0x1a: UInt256.Byte(in top[-1], in top[-2], out top[-2]); top--; break;
                    case 0x1b: UInt256.ShiftLeft(in top[-2], ShiftAmount(in top[-1]), out top[-2]); top--; break;
                    case 0x1c: UInt256.ShiftRight(in top[-2], ShiftAmount(in top[-1]), out top[-2]); top--; break;
                    case 0x1d: UInt256.ShiftRightArithmetic(in top[-2], ShiftAmount(in top[-1]), out top[-2]); top--; break;

                    case 0x20: // KECCAK256
                    {
                        if ((gas = ChargeCopy(memory, in top[-1], in top[-2], GasCost.KeccakWord, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        var data = top[-2].IsZero ? ReadOnlySpan<byte>.Empty : memory.Slice((long)top[-1].u0, (long)top[-2].u0);
                        top[-2] = Keccak.Compute(data).ToWord();
                        top--; break;
                    }

                    case 0x30: top[0] = f.Address.ToWord(); top++; break;
                    case 0x31: // BALANCE
                    {
                        var address = Address.FromWord(in top[-1]);
                        if ((gas = ChargeAccountAccess(in address, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top[-1] = _host.GetBalance(address); break;
                    }
                    case 0x32: top[0] = _tx.Origin.ToWord(); top++; break;
                    case 0x33: top[0] = f.Caller.ToWord(); top++; break;
                    case 0x34: top[0] = f.Value; top++; break;
                    case 0x35: top[-1] = LoadWordPadded(f.Input, in top[-1]); break;
                    case 0x36: top[0] = (ulong)f.Input.Length; top++; break;
                    case 0x37: // CALLDATACOPY
                        if ((gas = CopyToMemory(memory, in top[-1], in top[-2], in top[-3], f.Input, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top -= 3; break;
                    case 0x38: top[0] = (ulong)f.Code.Length; top++; break;
                    case 0x39: // CODECOPY
                        if ((gas = CopyToMemory(memory, in top[-1], in top[-2], in top[-3], f.Code.Code, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top -= 3; break;
                    case 0x3a: top[0] = _tx.GasPrice; top++; break;
                    case 0x3b: // EXTCODESIZE
                    {
                        var address = Address.FromWord(in top[-1]);
                        if ((gas = ChargeAccountAccess(in address, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top[-1] = (ulong)_host.GetCodeSize(address); break;
                    }
                    case 0x3c: // EXTCODECOPY
                    {
                        var address = Address.FromWord(in top[-1]);
                        if ((gas = ChargeAccountAccess(in address, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        if ((gas = CopyToMemory(memory, in top[-2], in top[-3], in top[-4], _host.GetCode(address), gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top -= 4; break;
                    }
                    case 0x3d: top[0] = (ulong)f.ReturnData.Length; top++; break;
                    case 0x3e: // RETURNDATACOPY
                    {
                        if ((gas = ChargeCopy(memory, in top[-1], in top[-3], GasCost.Copy, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        ref readonly UInt256 src = ref top[-2];
                        ref readonly UInt256 len = ref top[-3];
                        if (!src.FitsInUlong || !len.FitsInUlong || src.u0 + len.u0 < src.u0 || src.u0 + len.u0 > (ulong)f.ReturnData.Length)
                        { exit = ExitCode.ReturnDataOutOfBounds; goto Halt; }
                        if (!len.IsZero) f.ReturnData.AsSpan((int)src.u0, (int)len.u0).CopyTo(memory.Slice((long)top[-1].u0, (long)len.u0));
                        top -= 3; break;
                    }
                    case 0x3f: // EXTCODEHASH
                    {
                        var address = Address.FromWord(in top[-1]);
                        if ((gas = ChargeAccountAccess(in address, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top[-1] = _host.GetCodeHash(address).ToWord();
                        break;
                    }

                    case 0x40: top[-1] = BlockHash(in top[-1]); break;
                    case 0x41: top[0] = _block.Coinbase.ToWord(); top++; break;
                    case 0x42: top[0] = _block.Timestamp; top++; break;
                    case 0x43: top[0] = _block.Number; top++; break;
                    case 0x44: top[0] = _spec.IsParis ? _block.PrevRandao : _block.Difficulty; top++; break;
                    case 0x45: top[0] = _block.GasLimit; top++; break;
                    case 0x46: top[0] = _block.ChainId; top++; break;
                    case 0x47: top[0] = _host.GetBalance(f.Address); top++; break;
                    case 0x48: top[0] = _block.BaseFee; top++; break;
                    case 0x49: // BLOBHASH
                    {
                        var hashes = _tx.BlobHashes;
                        top[-1] = top[-1].FitsInUlong && top[-1].u0 < (ulong)hashes.Length ? hashes[(int)top[-1].u0].ToWord() : UInt256.Zero;
                        break;
                    }
                    case 0x4a: top[0] = _block.BlobBaseFee; top++; break;

                    case 0x50: top--; break;
                    case 0x51: // MLOAD
                    {
                        if ((gas = ChargeMemory(memory, in top[-1], 32, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top[-1] = UInt256.FromBigEndian(memory.Slice((long)top[-1].u0, 32));
                        break;
                    }
                    case 0x52: // MSTORE
                    {
                        if ((gas = ChargeMemory(memory, in top[-1], 32, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top[-2].WriteBigEndian(memory.Slice((long)top[-1].u0, 32));
                        top -= 2; break;
                    }
                    case 0x53: // MSTORE8
                    {
                        if ((gas = ChargeMemory(memory, in top[-1], 1, gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        memory.At((long)top[-1].u0) = (byte)top[-2].u0;
                        top -= 2; break;
                    }
                    case 0x54: // SLOAD
                    {
                        StorageRead read = _host.LoadStorage(f.Address, in top[-1]);
                        if (_spec.IsBerlin)
                        {
                            gas -= read.WasCold ? GasCost.ColdSload : GasCost.WarmStorageRead;
                            if (gas < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        }
                        top[-1] = read.Value;
                        break;
                    }
                    case 0x55: // SSTORE
                    {
                        if (f.IsStatic) { exit = ExitCode.StaticStateChange; goto Halt; }
                        if ((gas = StorageStore(f, in top[-1], in top[-2], gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top -= 2; break;
                    }
                    case 0x56: // JUMP
                    {
                        ref readonly UInt256 dest = ref top[-1];
                        if (!dest.FitsInUlong || !codeInfo.IsValidJumpDest(dest.u0)) { exit = ExitCode.BadJumpDestination; goto Halt; }
                        // Every loop jumps, so an endless execution keeps passing here. Checked on every taken jump, not
                        // only backward ones: the direction test is a data-dependent branch that mispredicts on code
                        // jumping both ways (evmone's jump_around: +40%), while this check is one load and a branch
                        // that always goes the same way.
                        if (_interrupt.IsCancellationRequested) { exit = ExitCode.Interrupted; goto Halt; }
                        pc = (int)dest.u0;
                        if (!TTracing.IsActive) // see RunJumpDest
                        {
                            if ((gas -= jumpDestCost) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                            pc++;
                        }
                        top--;
                        continue;
                    }
                    case 0x57: // JUMPI
                    {
                        if (!top[-2].IsZero)
                        {
                            ref readonly UInt256 dest = ref top[-1];
                            if (!dest.FitsInUlong || !codeInfo.IsValidJumpDest(dest.u0)) { exit = ExitCode.BadJumpDestination; goto Halt; }
                            if (_interrupt.IsCancellationRequested) { exit = ExitCode.Interrupted; goto Halt; }
                            pc = (int)dest.u0;
                            if (!TTracing.IsActive) // see RunJumpDest
                            {
                                if ((gas -= jumpDestCost) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                                pc++;
                            }
                            top -= 2;
                            continue;
                        }
                        top -= 2; break;
                    }
                    case 0x58: top[0] = (ulong)pc; top++; break;
                    case 0x59: top[0] = (ulong)memory.Size; top++; break;
                    case 0x5a: top[0] = (ulong)gas; top++; break;
                    case 0x5b: // JUMPDEST
                        // A run of JUMPDESTs is charged at once: they have no stack effect, and running out of gas
                        // anywhere inside the run fails the frame with all its gas gone either way, so the outcome
                        // is exact. A tracer still sees every step, so only the untraced loop fuses.
                        if (!TTracing.IsActive && code[pc + 1] == 0x5b)
                        {
                            int more = JumpDestRunAfter(code, pc, codeInfo.Length);
                            gas -= cost * more;
                            if (gas < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                            pc += more;
                        }
                        break;
                    case 0x5c: top[-1] = _host.LoadTransient(f.Address, in top[-1]); break;
                    case 0x5d:
                        if (f.IsStatic) { exit = ExitCode.StaticStateChange; goto Halt; }
                        _host.StoreTransient(f.Address, in top[-1], in top[-2]);
                        top -= 2; break;
                    case 0x5e: // MCOPY
                    {
                        if ((gas = MemoryCopy(memory, in top[-1], in top[-2], in top[-3], gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        top -= 3; break;
                    }
                    case 0x5f: top[0] = UInt256.Zero; top++; break;

                    case 0x60: // PUSH1 and PUSH2, the pushes of jump targets, without the general path
                        small = code[pc + 1];
                        pc += 2;
                        goto PushedSmall;
                    case 0x61:
                        small = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ushort>(code + pc + 1));
                        pc += 3;
                        goto PushedSmall;
                    case 0x62: case 0x63: case 0x64: case 0x65: case 0x66: case 0x67: case 0x68:
                    case 0x69: case 0x6a: case 0x6b: case 0x6c: case 0x6d: case 0x6e: case 0x6f: case 0x70:
                    case 0x71: case 0x72: case 0x73: case 0x74: case 0x75: case 0x76: case 0x77: case 0x78:
                    case 0x79: case 0x7a: case 0x7b: case 0x7c: case 0x7d: case 0x7e: case 0x7f:
                    {
                        int n = op - 0x5f;
                        top[0] = PushValue(code + pc + 1 + n, n);
                        top++;
                        pc += n + 1;
                        continue;
                    }
                    case 0x80: case 0x81: case 0x82: case 0x83: case 0x84: case 0x85: case 0x86: case 0x87:
                    case 0x88: case 0x89: case 0x8a: case 0x8b: case 0x8c: case 0x8d: case 0x8e: case 0x8f:
                        top[0] = top[-(op - 0x7f)];
                        top++;
                        break;
                    case 0x90: case 0x91: case 0x92: case 0x93: case 0x94: case 0x95: case 0x96: case 0x97:
                    case 0x98: case 0x99: case 0x9a: case 0x9b: case 0x9c: case 0x9d: case 0x9e: case 0x9f:
                    {
                        int n = op - 0x8f;
                        (top[-1], top[-1 - n]) = (top[-1 - n], top[-1]);
                        break;
                    }
                    case 0xa0: case 0xa1: case 0xa2: case 0xa3: case 0xa4:
                    {
                        if (f.IsStatic) { exit = ExitCode.StaticStateChange; goto Halt; }
                        int topics = op - 0xa0;
                        if ((gas = ChargeLogData(memory, in top[-1], in top[-2], gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        EmitLog(f, memory, top, topics);
                        top -= 2 + topics;
                        break;
                    }

                    case 0xf0: case 0xf5: // CREATE, CREATE2
                    case 0xf1: case 0xf2: case 0xf4: case 0xfa: // CALL, CALLCODE, DELEGATECALL, STATICCALL
                    {
                        // The request goes to the frame loop, which starts the child (or finishes it at once) and
                        // resumes this frame through Resume: pc, gas and stack are stored for that.
                        s.Pc = pc; f.Gas = gas; s.StackCount = (int)(heightBytes / 32);
                        exit = op is 0xf0 or 0xf5 ? InstructionCreate(f, s, op == 0xf5 ? CallKind.Create2 : CallKind.Create) : InstructionCall(f, s, op);
                        if (exit == ExitCode.ChildRequested)
                        {
                            // The step's cost is what the instruction charged, before any gas comes back.
                            if (TTracing.IsActive) _trace.FlushStep(_trace.StepGas - _trace.GasLeftAfterCallCharge);
                            return exit;
                        }
                        top = stack + s.StackCount; gas = f.Gas; pc = s.Pc;
                        goto Halt;
                    }
                    case 0xf3: case 0xfd: // RETURN, REVERT
                    {
                        if ((gas = ChargeMemory(memory, in top[-1], in top[-2], gas)) < 0) { exit = ExitCode.OutOfGas; goto Halt; }
                        f.Output = top[-2].IsZero ? [] : memory.Slice((long)top[-1].u0, (long)top[-2].u0).ToArray();
                        top -= 2;
                        exit = op == 0xf3 ? ExitCode.Return : ExitCode.Revert;
                        goto Halt;
                    }
                    case 0xff: // SELFDESTRUCT
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
                continue;

            PushedSmall:
                // PUSH1/PUSH2 followed by JUMP or JUMPI (how compiled code jumps) run as one instruction when
                // nothing can fail at the jump: enough gas, enough stack for JUMPI, a valid destination when
                // taken. Anything else leaves the jump to the loop, so failures happen exactly where they
                // would. The tracer sees every instruction, so only the untraced loop fuses.
                if (!TTracing.IsActive)
                {
                    byte next = code[pc];
                    if (next == 0x57) // JUMPI: condition at top[-1], under the destination we skip pushing
                    {
                        long jumpCost = staticGas[0x57];
                        if (heightBytes != 0 && gas >= jumpCost)
                        {
                            if (top[-1].IsZero)
                            {
                                gas -= jumpCost;
                                top--;
                                pc++;
                                continue;
                            }
                            if (codeInfo.IsValidJumpDest(small))
                            {
                                gas -= jumpCost;
                                if (_interrupt.IsCancellationRequested) { exit = ExitCode.Interrupted; goto Halt; }
                                top--;
                                pc = (int)small;
                                if ((gas -= jumpDestCost) < 0) { exit = ExitCode.OutOfGas; goto Halt; } // see RunJumpDest
                                pc++;
                                continue;
                            }
                        }
                    }
                    else if (next == 0x56) // JUMP
                    {
                        long jumpCost = staticGas[0x56];
                        if (gas >= jumpCost && codeInfo.IsValidJumpDest(small))
                        {
                            gas -= jumpCost;
                            if (_interrupt.IsCancellationRequested) { exit = ExitCode.Interrupted; goto Halt; }
                            pc = (int)small;
                            if ((gas -= jumpDestCost) < 0) { exit = ExitCode.OutOfGas; goto Halt; } // see RunJumpDest
                            pc++;
                            continue;
                        }
                    }
                }
                top[0] = new UInt256(small);
                top++;
            }

        Halt:
            s.Pc = pc;
            f.Gas = exit.IsSuccess() || exit == ExitCode.Revert ? gas : 0;
            s.StackCount = (int)(top - stack);
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

    /// <summary>How many JUMPDEST bytes follow the one at <paramref name="pc"/> (0x5b is never a PUSH, so every byte
    /// of the run is an instruction). Kept out of line: the loop pays for the call only on a run.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe int JumpDestRunAfter(byte* code, int pc, int length)
    {
        int found = new ReadOnlySpan<byte>(code + pc + 1, length - pc - 1).IndexOfAnyExcept((byte)0x5b);
        return found < 0 ? length - pc - 1 : found;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ShiftAmount(in UInt256 shift) => shift.FitsInUlong && shift.u0 < 256 ? (int)shift.u0 : 256;
}
