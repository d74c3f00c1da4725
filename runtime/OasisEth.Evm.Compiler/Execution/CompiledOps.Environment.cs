using OasisEth.Evm.Gas;
using OasisEth.Primitives;

namespace OasisEth.Evm.Compiler.Execution;

// The frame, transaction and block context, and state reads priced by static gas alone.
internal static unsafe partial class CompiledOps
{
    public static void Address(CompiledFrame c, UInt256* top) => top[0] = c.Frame.Address.ToWord();
    public static void Origin(CompiledFrame c, UInt256* top) => top[0] = c.Tx.Origin.ToWord();
    public static void Caller(CompiledFrame c, UInt256* top) => top[0] = c.Frame.Caller.ToWord();
    public static void CallValue(CompiledFrame c, UInt256* top) => top[0] = c.Frame.Value;
    public static void CallDataSize(CompiledFrame c, UInt256* top) => top[0] = (ulong)c.Frame.Input.Length;
    public static void CodeSize(CompiledFrame c, UInt256* top) => top[0] = (ulong)c.Frame.Code.Length;
    public static void GasPrice(CompiledFrame c, UInt256* top) => top[0] = c.Tx.GasPrice;
    public static void ReturnDataSize(CompiledFrame c, UInt256* top) => top[0] = (ulong)c.Frame.ReturnData.Length;
    public static void BlockHash(CompiledFrame c, UInt256* top) => top[-1] = c.Interpreter.BlockHash(in top[-1]);
    public static void Coinbase(CompiledFrame c, UInt256* top) => top[0] = c.Block.Coinbase.ToWord();
    public static void Timestamp(CompiledFrame c, UInt256* top) => top[0] = c.Block.Timestamp;
    public static void Number(CompiledFrame c, UInt256* top) => top[0] = c.Block.Number;
    public static void PrevRandao(CompiledFrame c, UInt256* top) => top[0] = c.Spec.IsParis ? c.Block.PrevRandao : c.Block.Difficulty;
    public static void GasLimit(CompiledFrame c, UInt256* top) => top[0] = c.Block.GasLimit;
    public static void ChainId(CompiledFrame c, UInt256* top) => top[0] = c.Block.ChainId;
    public static void SelfBalance(CompiledFrame c, UInt256* top) => top[0] = c.Host.GetBalance(c.Frame.Address);
    public static void BaseFee(CompiledFrame c, UInt256* top) => top[0] = c.Block.BaseFee;

    public static void BlobHash(CompiledFrame c, UInt256* top)
    {
        var hashes = c.Tx.BlobHashes;
        top[-1] = top[-1].FitsInUlong && top[-1].u0 < (ulong)hashes.Length ? hashes[(int)top[-1].u0].ToWord() : UInt256.Zero;
    }

    public static void BlobBaseFee(CompiledFrame c, UInt256* top) => top[0] = c.Block.BlobBaseFee;
    public static void MSize(CompiledFrame c, UInt256* top) => top[0] = (ulong)c.Memory.Size;
    public static void TLoad(CompiledFrame c, UInt256* top) => top[-1] = c.Host.LoadTransient(c.Frame.Address, in top[-1]);

    public static long TStore(CompiledFrame c, UInt256* top, long gas)
    {
        if (c.Frame.IsStatic) return Fail(ExitCode.StaticStateChange);
        c.Host.StoreTransient(c.Frame.Address, in top[-1], in top[-2]);
        return gas;
    }

    public static long Balance(CompiledFrame c, UInt256* top, long gas)
    {
        var address = Primitives.Address.FromWord(in top[-1]);
        if ((gas = c.Interpreter.ChargeAccountAccess(in address, gas)) < 0) return Fail(ExitCode.OutOfGas);
        top[-1] = c.Host.GetBalance(address);
        return gas;
    }

    public static long ExtCodeSize(CompiledFrame c, UInt256* top, long gas)
    {
        var address = Primitives.Address.FromWord(in top[-1]);
        if ((gas = c.Interpreter.ChargeAccountAccess(in address, gas)) < 0) return Fail(ExitCode.OutOfGas);
        top[-1] = (ulong)c.Host.GetCodeSize(address);
        return gas;
    }

    public static long ExtCodeHash(CompiledFrame c, UInt256* top, long gas)
    {
        var address = Primitives.Address.FromWord(in top[-1]);
        if ((gas = c.Interpreter.ChargeAccountAccess(in address, gas)) < 0) return Fail(ExitCode.OutOfGas);
        top[-1] = c.Host.GetCodeHash(address).ToWord();
        return gas;
    }

    public static long ExtCodeCopy(CompiledFrame c, UInt256* top, long gas)
    {
        var address = Primitives.Address.FromWord(in top[-1]);
        if ((gas = c.Interpreter.ChargeAccountAccess(in address, gas)) < 0) return Fail(ExitCode.OutOfGas);
        if ((gas = EvmInterpreter.CopyToMemory(c.Memory, in top[-2], in top[-3], in top[-4], c.Host.GetCode(address), gas)) < 0)
            return Fail(ExitCode.OutOfGas);
        return gas;
    }
}
