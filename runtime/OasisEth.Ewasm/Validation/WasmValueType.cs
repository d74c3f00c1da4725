namespace OasisEth.Ewasm.Validation;

/// <summary>The value types of WebAssembly 1.0, by their binary encoding.</summary>
public enum WasmValueType : byte
{
    I32 = 0x7F,
    I64 = 0x7E,
    F32 = 0x7D,
    F64 = 0x7C,
}
