namespace OasisEth.Evm.Tracing;

/// <summary>The kind of a traced frame: the call kinds and SELFDESTRUCT, which geth's tracers report as a frame.</summary>
public enum TraceCallType : byte { Call, CallCode, DelegateCall, StaticCall, Create, Create2, SelfDestruct }

public static class TraceCallTypeExtensions
{
    public static TraceCallType ToTraceType(this CallKind kind) => kind switch
    {
        CallKind.Call => TraceCallType.Call,
        CallKind.CallCode => TraceCallType.CallCode,
        CallKind.DelegateCall => TraceCallType.DelegateCall,
        CallKind.StaticCall => TraceCallType.StaticCall,
        CallKind.Create => TraceCallType.Create,
        _ => TraceCallType.Create2,
    };

    /// <summary>The opcode mnemonic, as traces name frame types.</summary>
    public static string Name(this TraceCallType type) => type switch
    {
        TraceCallType.Call => "CALL",
        TraceCallType.CallCode => "CALLCODE",
        TraceCallType.DelegateCall => "DELEGATECALL",
        TraceCallType.StaticCall => "STATICCALL",
        TraceCallType.Create => "CREATE",
        TraceCallType.Create2 => "CREATE2",
        _ => "SELFDESTRUCT",
    };

    public static bool IsCreate(this TraceCallType type) => type is TraceCallType.Create or TraceCallType.Create2;
}
