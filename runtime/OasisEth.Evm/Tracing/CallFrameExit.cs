namespace OasisEth.Evm.Tracing;

/// <summary>A call frame ending (see <see cref="ITxTracer.OnExit"/>).</summary>
public readonly ref struct CallFrameExit
{
    /// <summary>0 for the transaction's own frame.</summary>
    public int Depth { get; init; }

    /// <summary>Gas given minus gas returned (all of it for an exceptional halt); refunds not subtracted.</summary>
    public long GasUsed { get; init; }

    /// <summary>RETURN/REVERT data; for a successful creation the deployed code.</summary>
    public ReadOnlySpan<byte> Output { get; init; }

    public ExitCode Exit { get; init; }

    /// <summary>Null on success, else geth's wording ("execution reverted", "out of gas", "stack underflow (0 &lt;=&gt; 1)", ...).</summary>
    public string? Error { get; init; }

    /// <summary>True when the frame's state changes were undone (any error).</summary>
    public bool Reverted => Error is not null;
}
