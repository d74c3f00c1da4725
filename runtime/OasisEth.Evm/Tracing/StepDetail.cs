using OasisEth.Primitives;

namespace OasisEth.Evm.Tracing;

/// <summary>The state an instruction sees before it runs, beyond the EIP-3155 fields (see <see cref="ITxTracer.OnStepDetail"/>).</summary>
public readonly ref struct StepDetail
{
    /// <summary>The account whose storage the code acts on (ADDRESS).</summary>
    public Address Contract { get; init; }

    /// <summary>The frame's memory (empty unless <see cref="TraceOptions.Memory"/>).</summary>
    public ReadOnlySpan<byte> Memory { get; init; }

    /// <summary>The frame's return-data buffer (empty unless <see cref="TraceOptions.ReturnData"/>).</summary>
    public ReadOnlySpan<byte> ReturnData { get; init; }

    /// <summary>True on SLOAD and SSTORE steps when <see cref="TraceOptions.Storage"/> is asked for and the stack holds the operands.</summary>
    public bool HasStorage { get; init; }

    public UInt256 StorageKey { get; init; }

    /// <summary>SLOAD: the slot's current value; SSTORE: the value being written.</summary>
    public UInt256 StorageValue { get; init; }
}
