using OasisEth.Primitives;

namespace OasisEth.Evm.Tracing;

/// <summary>A call frame starting (see <see cref="ITxTracer.OnEnter"/>).</summary>
public readonly ref struct CallFrameEnter
{
    /// <summary>0 for the transaction's own frame.</summary>
    public int Depth { get; init; }
    public TraceCallType Type { get; init; }

    /// <summary>The account making the call: for DELEGATECALL and CALLCODE the calling contract itself.</summary>
    public Address From { get; init; }

    /// <summary>The callee (the code's account for DELEGATECALL and CALLCODE), the new contract for creations, the beneficiary for SELFDESTRUCT.</summary>
    public Address To { get; init; }

    /// <summary>The value transferred (DELEGATECALL: the value it inherits; STATICCALL: zero; SELFDESTRUCT: the balance moved).</summary>
    public UInt256 Value { get; init; }

    /// <summary>The gas the frame is given (the 2300 stipend included); for depth 0 the gas left after intrinsic gas.</summary>
    public long Gas { get; init; }

    /// <summary>Call data, or init code for creations. The interpreter's buffer: copy what you keep.</summary>
    public ReadOnlySpan<byte> Input { get; init; }
}
