namespace OasisEth.Ewasm.Validation;

/// <summary>
/// Walks a function body's instructions (skipping their immediates) and refuses floating-point instructions and
/// anything newer than WebAssembly 1.0. Wasmtime validates the rest (types, nesting, indices) when it compiles;
/// this pass exists because no engine setting forbids floats, whose NaN bit patterns are not deterministic.
/// </summary>
internal static class InstructionScanner
{
    public static void Scan(ref WasmReader body, int function)
    {
        while (!body.AtEnd)
        {
            int at = body.Position;
            byte op = body.ReadByte();
            switch (op)
            {
                case 0x00 or 0x01 or 0x05 or 0x0B or 0x0F or 0x1A or 0x1B: // unreachable nop else end return drop select
                case >= 0x45 and <= 0x5A: // integer comparisons
                case >= 0x67 and <= 0x8A: // integer arithmetic
                case 0xA7 or 0xAC or 0xAD: // i32.wrap_i64, i64.extend_i32_s/u
                    break;
                case 0x02 or 0x03 or 0x04: // block loop if
                    BlockType(ref body, function, at);
                    break;
                case 0x0C or 0x0D or 0x10: // br br_if call
                case >= 0x20 and <= 0x24: // local.get/set/tee global.get/set
                    body.ReadU32();
                    break;
                case 0x0E: // br_table: the labels, then the default
                    int labels = body.ReadCount();
                    for (int i = 0; i <= labels; i++) body.ReadU32();
                    break;
                case 0x11: // call_indirect type table
                    body.ReadU32();
                    if (body.ReadByte() != 0) throw NotMvp(function, at, "call_indirect on a table other than 0");
                    break;
                case 0x2A or 0x2B or 0x38 or 0x39: // f32/f64 load/store
                case 0x43 or 0x44: // f32/f64 const
                case >= 0x5B and <= 0x66: // float comparisons
                case >= 0x8B and <= 0xA6: // float arithmetic
                case (>= 0xA8 and <= 0xAB) or (>= 0xAE and <= 0xBF): // conversions from, to and between floats
                    throw Float(function, at, op);
                case >= 0x28 and <= 0x3E: // integer loads and stores: align, offset
                    body.ReadU32();
                    body.ReadU32();
                    break;
                case 0x3F or 0x40: // memory.size memory.grow
                    if (body.ReadByte() != 0) throw NotMvp(function, at, "a memory other than 0");
                    break;
                case 0x41:
                    body.SkipSigned(32);
                    break;
                case 0x42:
                    body.SkipSigned(64);
                    break;
                case >= 0xC0 and <= 0xC4:
                    throw NotMvp(function, at, "sign-extension operators");
                case 0xFC:
                    throw NotMvp(function, at, "saturating conversions or bulk memory operations");
                case 0xFD:
                    throw NotMvp(function, at, "SIMD");
                default:
                    throw NotMvp(function, at, $"opcode 0x{op:x2}");
            }
        }
    }

    private static void BlockType(ref WasmReader body, int function, int at)
    {
        byte type = body.ReadByte();
        switch (type)
        {
            case 0x40 or (byte)WasmValueType.I32 or (byte)WasmValueType.I64:
                return;
            case (byte)WasmValueType.F32 or (byte)WasmValueType.F64:
                throw new InvalidModuleException($"function {function} uses floating point (a block typed {(WasmValueType)type} at offset {at} of its body)");
            default:
                throw NotMvp(function, at, "a block with a type index (multi-value)");
        }
    }

    private static InvalidModuleException Float(int function, int at, byte op) =>
        new($"function {function} uses floating point (opcode 0x{op:x2} at offset {at} of its body); contracts may not");

    private static InvalidModuleException NotMvp(int function, int at, string what) =>
        new($"function {function} uses {what} at offset {at} of its body, which is not WebAssembly 1.0");
}
