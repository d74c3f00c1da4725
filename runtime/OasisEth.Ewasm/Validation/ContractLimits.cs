namespace OasisEth.Ewasm.Validation;

/// <summary>
/// Bounds on what a contract module may declare, so a hostile module fails validation with a reason instead of
/// making every node allocate, compile or instantiate something huge. Each is far above what the reference
/// fixtures and compiled contracts use (a fixture declares 100 pages of memory; compilers emit one table).
/// </summary>
public static class ContractLimits
{
    /// <summary>Initial linear memory: 1,024 pages of 64 KiB (64 MiB). Growth past it fails like any refused <c>memory.grow</c>.</summary>
    public const uint MaxMemoryPages = 1024;

    public const uint MaxTableElements = 16_384;

    public const int MaxTypes = 1_024;

    public const int MaxImports = 1_024;

    public const int MaxFunctions = 16_384;

    public const int MaxGlobals = 1_024;

    public const int MaxSegments = 16_384;

    /// <summary>Locals of one function, parameters included.</summary>
    public const uint MaxLocals = 16_384;

    public const int MaxParametersOrResults = 1_000;
}
