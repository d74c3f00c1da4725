using System.Globalization;

namespace OasisEth.Evm.Tracing;

/// <summary>
/// Opcode names as geth's <c>OpCode.String()</c> gives them, which is what debug traces ("op") and geth's
/// invalid-opcode error ("invalid opcode: INVALID") print: the <see cref="Opcode"/> names. Undefined bytes read
/// "opcode 0xc not defined" (geth's <c>%#x</c>: no zero padding).
/// </summary>
public static class OpcodeMnemonics
{
    private static readonly string[] Names = Build();

    public static string Get(Opcode opcode) => Names[(byte)opcode];

    public static string Get(byte opcode) => Names[opcode];

    private static string[] Build()
    {
        var n = new string[256];
        for (int i = 0; i < 256; i++) n[i] = string.Create(CultureInfo.InvariantCulture, $"opcode 0x{i:x} not defined");
        foreach (Opcode op in Enum.GetValues<Opcode>()) n[(byte)op] = op.ToString();
        return n;
    }
}
