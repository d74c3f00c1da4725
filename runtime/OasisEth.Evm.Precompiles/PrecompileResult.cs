namespace OasisEth.Evm.Precompiles;

/// <summary>
/// What a precompile returns. <paramref name="Success"/> = false means the call fails and consumes all the gas
/// given to it (EVM exceptional halt); the output is then ignored. ECRECOVER's "invalid signature" is a success
/// with empty output, not a failure.
/// </summary>
public readonly record struct PrecompileResult(bool Success, byte[] Output)
{
    /// <summary>The failed call; shared so that failing never allocates.</summary>
    public static readonly PrecompileResult Failure = new(false, []);

    /// <summary>A successful call with no output (shared, zero-length).</summary>
    public static readonly PrecompileResult Empty = new(true, []);
}
