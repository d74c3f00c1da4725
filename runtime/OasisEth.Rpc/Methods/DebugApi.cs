namespace OasisEth.Rpc;

/// <summary>debug_traceTransaction / debug_traceCall (struct logger and callTracer).</summary>
internal static class DebugApi
{
    public static void Register(RpcMethodTable t, RpcContext c)
    {
        _ = t;
        _ = c;
    }
}
