namespace OasisEth.Evm.CodeAnalysis;

/// <summary>Finds the JUMPDEST bytes that are instructions, not PUSH data.</summary>
public static class JumpDestAnalyzer
{
    private const byte JumpDest = 0x5b;
    private const byte Push1 = 0x60;
    private const byte Push32 = 0x7f;

    public static ulong[] Analyze(ReadOnlySpan<byte> code)
    {
        var bitmap = new ulong[(code.Length + 63) / 64 + 1];
        for (int i = 0; i < code.Length; i++)
        {
            byte op = code[i];
            if (op == JumpDest) bitmap[i >> 6] |= 1UL << (i & 63);
            else if ((uint)(op - Push1) <= Push32 - Push1) i += op - Push1 + 1;
        }
        return bitmap;
    }
}
