namespace OasisEth.Evm.Compiler;

/// <summary>Which engine runs EVM bytecode (<c>--evm-tier</c>).</summary>
public enum EvmTier
{
    /// <summary>The interpreter only.</summary>
    Interpreter,
    /// <summary>Every contract compiled before its first frame runs (for tests: the compiled code runs everything it can).</summary>
    Compiled,
    /// <summary>Interpreted first; code that has run <see cref="CompiledCodeCache.HotThreshold"/> frames is compiled in
    /// the background and used from then on.</summary>
    Auto,
}

public static class EvmTierNames
{
    public static bool TryParse(string text, out EvmTier tier)
    {
        switch (text)
        {
            case "interpreter": tier = EvmTier.Interpreter; return true;
            case "compiled": tier = EvmTier.Compiled; return true;
            case "auto": tier = EvmTier.Auto; return true;
            default: tier = EvmTier.Interpreter; return false;
        }
    }
}
