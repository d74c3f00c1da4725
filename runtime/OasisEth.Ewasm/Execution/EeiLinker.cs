using OasisEth.Evm;
using Wasmtime;

namespace OasisEth.Ewasm.Execution;

/// <summary>
/// The <c>ethereum</c> host functions defined once on a Wasmtime linker. Each finds its frame through the store's
/// data; in chain metering it first settles the fuel the instructions burned and afterwards hands the gas left
/// back as fuel (<see cref="EwasmFrame.In"/>, <see cref="EwasmFrame.Out"/>). A function that halts the frame
/// throws and never returns to the contract.
/// </summary>
internal static class EeiLinker
{
    private const string M = Validation.EeiImports.Module;

    public static Linker Create(Engine engine)
    {
        var l = new Linker(engine);
        l.DefineFunction(M, "useGas", (Caller c, long a) => { var f = EwasmFrame.In(c); f.UseGas(a); f.Out(c); });
        l.DefineFunction(M, "getGasLeft", (Caller c) => { var f = EwasmFrame.In(c); long r = f.GetGasLeft(); f.Out(c); return r; });
        l.DefineFunction(M, "getAddress", (Caller c, int a) => { var f = EwasmFrame.In(c); f.GetAddress(a); f.Out(c); });
        l.DefineFunction(M, "getExternalBalance", (Caller c, int a, int b) => { var f = EwasmFrame.In(c); f.GetExternalBalance(a, b); f.Out(c); });
        l.DefineFunction(M, "getBlockHash", (Caller c, long a, int b) => { var f = EwasmFrame.In(c); int r = f.GetBlockHash(a, b); f.Out(c); return r; });
        l.DefineFunction(M, "getCallDataSize", (Caller c) => { var f = EwasmFrame.In(c); int r = f.GetCallDataSize(); f.Out(c); return r; });
        l.DefineFunction(M, "callDataCopy", (Caller c, int a, int b, int d) => { var f = EwasmFrame.In(c); f.CallDataCopy(a, b, d); f.Out(c); });
        l.DefineFunction(M, "getCaller", (Caller c, int a) => { var f = EwasmFrame.In(c); f.GetCaller(a); f.Out(c); });
        l.DefineFunction(M, "getCallValue", (Caller c, int a) => { var f = EwasmFrame.In(c); f.GetCallValue(a); f.Out(c); });
        l.DefineFunction(M, "codeCopy", (Caller c, int a, int b, int d) => { var f = EwasmFrame.In(c); f.CodeCopy(a, b, d); f.Out(c); });
        l.DefineFunction(M, "getCodeSize", (Caller c) => { var f = EwasmFrame.In(c); int r = f.GetCodeSize(); f.Out(c); return r; });
        l.DefineFunction(M, "externalCodeCopy", (Caller c, int a, int b, int d, int e) => { var f = EwasmFrame.In(c); f.ExternalCodeCopy(a, b, d, e); f.Out(c); });
        l.DefineFunction(M, "getExternalCodeSize", (Caller c, int a) => { var f = EwasmFrame.In(c); int r = f.GetExternalCodeSize(a); f.Out(c); return r; });
        l.DefineFunction(M, "getBlockCoinbase", (Caller c, int a) => { var f = EwasmFrame.In(c); f.GetBlockCoinbase(a); f.Out(c); });
        l.DefineFunction(M, "getBlockDifficulty", (Caller c, int a) => { var f = EwasmFrame.In(c); f.GetBlockDifficulty(a); f.Out(c); });
        l.DefineFunction(M, "getBlockGasLimit", (Caller c) => { var f = EwasmFrame.In(c); long r = f.GetBlockGasLimit(); f.Out(c); return r; });
        l.DefineFunction(M, "getTxGasPrice", (Caller c, int a) => { var f = EwasmFrame.In(c); f.GetTxGasPrice(a); f.Out(c); });
        l.DefineFunction(M, "log", (Caller c, int a, int b, int d, int e, int g, int h, int i) => { var f = EwasmFrame.In(c); f.Log(a, b, d, e, g, h, i); f.Out(c); });
        l.DefineFunction(M, "getBlockNumber", (Caller c) => { var f = EwasmFrame.In(c); long r = f.GetBlockNumber(); f.Out(c); return r; });
        l.DefineFunction(M, "getBlockTimestamp", (Caller c) => { var f = EwasmFrame.In(c); long r = f.GetBlockTimestamp(); f.Out(c); return r; });
        l.DefineFunction(M, "getTxOrigin", (Caller c, int a) => { var f = EwasmFrame.In(c); f.GetTxOrigin(a); f.Out(c); });
        l.DefineFunction(M, "storageStore", (Caller c, int a, int b) => { var f = EwasmFrame.In(c); f.StorageStore(a, b); f.Out(c); });
        l.DefineFunction(M, "storageLoad", (Caller c, int a, int b) => { var f = EwasmFrame.In(c); f.StorageLoad(a, b); f.Out(c); });
        l.DefineFunction(M, "finish", (Caller c, int a, int b) => EwasmFrame.In(c).Finish(a, b));
        l.DefineFunction(M, "revert", (Caller c, int a, int b) => EwasmFrame.In(c).Revert(a, b));
        l.DefineFunction(M, "getReturnDataSize", (Caller c) => { var f = EwasmFrame.In(c); int r = f.GetReturnDataSize(); f.Out(c); return r; });
        l.DefineFunction(M, "returnDataCopy", (Caller c, int a, int b, int d) => { var f = EwasmFrame.In(c); f.ReturnDataCopy(a, b, d); f.Out(c); });
        l.DefineFunction(M, "call", (Caller c, long g, int a, int v, int d, int n) => { var f = EwasmFrame.In(c); int r = f.Call(CallKind.Call, g, a, v, d, n); f.Out(c); return r; });
        l.DefineFunction(M, "callCode", (Caller c, long g, int a, int v, int d, int n) => { var f = EwasmFrame.In(c); int r = f.Call(CallKind.CallCode, g, a, v, d, n); f.Out(c); return r; });
        l.DefineFunction(M, "callDelegate", (Caller c, long g, int a, int d, int n) => { var f = EwasmFrame.In(c); int r = f.Call(CallKind.DelegateCall, g, a, 0, d, n); f.Out(c); return r; });
        l.DefineFunction(M, "callStatic", (Caller c, long g, int a, int d, int n) => { var f = EwasmFrame.In(c); int r = f.Call(CallKind.StaticCall, g, a, 0, d, n); f.Out(c); return r; });
        l.DefineFunction(M, "create", (Caller c, int v, int d, int n, int a) => { var f = EwasmFrame.In(c); int r = f.Create(v, d, n, a); f.Out(c); return r; });
        l.DefineFunction(M, "selfDestruct", (Caller c, int a) => EwasmFrame.In(c).SelfDestruct(a));
        return l;
    }
}
