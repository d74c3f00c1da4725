using System.Runtime.CompilerServices;
using OasisEth.Evm.Gas;
using OasisEth.Primitives;

namespace OasisEth.Evm;

// The charging helpers take the gas left by value and return what remains (negative: out of gas), so the
// interpreter's gas local is never address-taken and stays in a register.
public sealed partial class EvmInterpreter
{
    private const long OutOfGas = -1;

    /// <summary>Charges for and performs memory growth to cover [offset, offset+length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long ChargeMemory(EvmMemory memory, in UInt256 offset, in UInt256 length, long gas)
    {
        if (length.IsZero) return gas;
        long cost = memory.ExpansionCost(in offset, in length);
        if ((ulong)cost > (ulong)gas) return OutOfGas;
        memory.Expand((long)offset.u0, (long)length.u0);
        return gas - cost;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long ChargeMemory(EvmMemory memory, in UInt256 offset, ulong length, long gas)
    {
        if (!offset.FitsInUlong || offset.u0 > int.MaxValue) return OutOfGas;
        long end = (long)offset.u0 + (long)length;
        if (end <= memory.Size) return gas;
        long cost = memory.ExpansionCost(end);
        if ((ulong)cost > (ulong)gas) return OutOfGas;
        memory.Expand((long)offset.u0, (long)length);
        return gas - cost;
    }

    private static long Words(ulong bytes) => (long)((bytes + 31) / 32);

    /// <summary>Memory growth plus <paramref name="perWord"/> for each 32-byte word of <paramref name="length"/>.</summary>
    internal static long ChargeCopy(EvmMemory memory, in UInt256 offset, in UInt256 length, long perWord, long gas)
    {
        if (length.IsZero) return gas;
        if (!length.FitsInUlong || length.u0 > int.MaxValue) return OutOfGas;
        gas -= perWord * Words(length.u0);
        if (gas < 0) return OutOfGas;
        return ChargeMemory(memory, in offset, in length, gas);
    }

    internal static long ChargeLogData(EvmMemory memory, in UInt256 offset, in UInt256 length, long gas)
    {
        if (length.IsZero) return gas;
        if (!length.FitsInUlong || length.u0 > int.MaxValue) return OutOfGas;
        gas -= GasCost.LogData * (long)length.u0;
        if (gas < 0) return OutOfGas;
        return ChargeMemory(memory, in offset, in length, gas);
    }

    /// <summary>CALLDATACOPY, CODECOPY, EXTCODECOPY: copy with zero fill past the end of the source.</summary>
    internal static long CopyToMemory(EvmMemory memory, in UInt256 destOffset, in UInt256 srcOffset, in UInt256 length, ReadOnlySpan<byte> source, long gas)
    {
        gas = ChargeCopy(memory, in destOffset, in length, GasCost.Copy, gas);
        if (gas < 0 || length.IsZero) return gas;
        ReadOnlySpan<byte> from = srcOffset.FitsInUlong && srcOffset.u0 < (ulong)source.Length ? source[(int)srcOffset.u0..] : default;
        memory.WritePadded((long)destOffset.u0, (long)length.u0, from);
        return gas;
    }

    /// <summary>MCOPY (EIP-5656): memory grows to cover both ranges; overlapping copies act as if through a buffer.</summary>
    internal static long MemoryCopy(EvmMemory memory, in UInt256 dest, in UInt256 src, in UInt256 length, long gas)
    {
        if (length.IsZero) return gas;
        if (!length.FitsInUlong || length.u0 > int.MaxValue) return OutOfGas;
        gas -= GasCost.Copy * Words(length.u0);
        if (gas < 0) return OutOfGas;
        UInt256 maxOffset = UInt256.GreaterThan(in dest, in src) ? dest : src;
        gas = ChargeMemory(memory, in maxOffset, in length, gas);
        if (gas < 0) return OutOfGas;
        memory.Slice((long)src.u0, (long)length.u0).CopyTo(memory.Slice((long)dest.u0, (long)length.u0));
        return gas;
    }

    /// <summary>CALLDATALOAD: 32 bytes from <paramref name="offset"/>, zero past the end.</summary>
    internal static UInt256 LoadWordPadded(byte[] data, in UInt256 offset)
    {
        if (!offset.FitsInUlong || offset.u0 >= (ulong)data.Length) return UInt256.Zero;
        int start = (int)offset.u0;
        if (data.Length - start >= 32) return UInt256.FromBigEndian(data.AsSpan(start, 32));
        Span<byte> buffer = stackalloc byte[32];
        buffer.Clear();
        data.AsSpan(start).CopyTo(buffer);
        return UInt256.FromBigEndian(buffer);
    }
}
