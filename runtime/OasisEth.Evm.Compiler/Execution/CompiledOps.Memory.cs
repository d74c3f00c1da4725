using OasisEth.Evm.Gas;
using OasisEth.Primitives;

namespace OasisEth.Evm.Compiler.Execution;

// Copies and logs (MLOAD, MSTORE, MSTORE8 and KECCAK256 over operands: CompiledOps.Operands.cs): each charges memory growth (and per-word costs) through the interpreter's helpers.
internal static unsafe partial class CompiledOps
{
    public static long CallDataCopy(CompiledFrame c, UInt256* top, long gas) =>
        (gas = EvmInterpreter.CopyToMemory(c.Memory, in top[-1], in top[-2], in top[-3], c.Frame.Input, gas)) < 0 ? Fail(ExitCode.OutOfGas) : gas;

    public static long CodeCopy(CompiledFrame c, UInt256* top, long gas) =>
        (gas = EvmInterpreter.CopyToMemory(c.Memory, in top[-1], in top[-2], in top[-3], c.Frame.Code.Code, gas)) < 0 ? Fail(ExitCode.OutOfGas) : gas;

    public static long ReturnDataCopy(CompiledFrame c, UInt256* top, long gas)
    {
        if ((gas = EvmInterpreter.ChargeCopy(c.Memory, in top[-1], in top[-3], GasCost.Copy, gas)) < 0) return Fail(ExitCode.OutOfGas);
        ref readonly UInt256 src = ref top[-2];
        ref readonly UInt256 len = ref top[-3];
        byte[] returnData = c.Frame.ReturnData;
        if (!src.FitsInUlong || !len.FitsInUlong || src.u0 + len.u0 < src.u0 || src.u0 + len.u0 > (ulong)returnData.Length)
            return Fail(ExitCode.ReturnDataOutOfBounds);
        if (!len.IsZero) returnData.AsSpan((int)src.u0, (int)len.u0).CopyTo(c.Memory.Slice((long)top[-1].u0, (long)len.u0));
        return gas;
    }

    public static long MCopy(CompiledFrame c, UInt256* top, long gas) =>
        (gas = EvmInterpreter.MemoryCopy(c.Memory, in top[-1], in top[-2], in top[-3], gas)) < 0 ? Fail(ExitCode.OutOfGas) : gas;

    public static long Log(CompiledFrame c, UInt256* top, long gas, int topics)
    {
        if (c.Frame.IsStatic) return Fail(ExitCode.StaticStateChange);
        if ((gas = EvmInterpreter.ChargeLogData(c.Memory, in top[-1], in top[-2], gas)) < 0) return Fail(ExitCode.OutOfGas);
        c.Interpreter.EmitLog(c.Frame, c.Memory, top, topics);
        return gas;
    }
}
