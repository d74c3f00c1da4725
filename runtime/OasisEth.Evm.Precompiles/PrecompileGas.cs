namespace OasisEth.Evm.Precompiles;

/// <summary>Shared pricing helper for the "base + per 32-byte word" precompiles (Yellow Paper appendix E).</summary>
internal static class PrecompileGas
{
    /// <summary>base + perWord * ceil(length / 32). A span length is at most int.MaxValue, so this cannot overflow a long.</summary>
    public static long Linear(int length, long baseGas, long perWord) => baseGas + perWord * (((long)length + 31) >> 5);
}
