namespace OasisEth.Evm;

public enum CallKind : byte { Call, CallCode, DelegateCall, StaticCall, Create, Create2 }

public static class CallKindExtensions
{
    public static bool IsCreate(this CallKind kind) => kind >= CallKind.Create;
}
