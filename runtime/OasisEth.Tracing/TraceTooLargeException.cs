namespace OasisEth.Tracing;

/// <summary>
/// A tracer's result grew past the byte limit it was given. Thrown from the tracer's hooks, it stops the traced
/// execution (like cancellation: run traces on a state you discard), so a trace of a long loop costs at most the
/// limit rather than hundreds of megabytes.
/// </summary>
public sealed class TraceTooLargeException(long limit)
    : Exception($"trace result larger than {limit} bytes")
{
    public long Limit { get; } = limit;
}
