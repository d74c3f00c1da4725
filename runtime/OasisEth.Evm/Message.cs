using OasisEth.Primitives;

namespace OasisEth.Evm;

/// <summary>A request to run code: the top-level call or creation of a transaction, or a CALL*/CREATE* of a frame.</summary>
public struct Message
{
    public CallKind Kind;
    public Address Caller;
    /// <summary>The account whose storage and balance the code acts on (ADDRESS); for creations, set by the VM.</summary>
    public Address Recipient;
    /// <summary>The account whose code runs (differs from <see cref="Recipient"/> for CALLCODE and DELEGATECALL).</summary>
    public Address CodeAddress;
    /// <summary>CALLVALUE as the code sees it (DELEGATECALL passes the parent's on without a transfer).</summary>
    public UInt256 Value;
    public byte[] Input; // call data, or init code for creations
    public long Gas;
    public bool IsStatic;
    public int Depth;
    public UInt256 Salt; // CREATE2
}

/// <summary>The outcome of a top-level message.</summary>
public readonly record struct CallResult(ExitCode Exit, long GasLeft, long Refund, byte[] Output, Address CreatedAddress)
{
    public bool Success => Exit.IsSuccess();
}
