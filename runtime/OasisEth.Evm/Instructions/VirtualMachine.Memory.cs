using System.Runtime.CompilerServices;
using OasisEth.Evm.Gas;
using OasisEth.Primitives;

namespace OasisEth.Evm;

public sealed partial class VirtualMachine
{
    /// <summary>Charges for and performs memory growth to cover [offset, offset+length). False means out of gas.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ChargeMemory(EvmMemory memory, in UInt256 offset, in UInt256 length, ref long gas)
    {
        if (length.IsZero) return true;
        long cost = memory.ExpansionCost(in offset, in length);
        if ((ulong)cost > (ulong)gas) return false;
        gas -= cost;
        memory.Expand((long)offset.u0, (long)length.u0);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ChargeMemory(EvmMemory memory, in UInt256 offset, ulong length, ref long gas)
    {
        if (!offset.FitsInUlong || offset.u0 > int.MaxValue) return false;
        long end = (long)offset.u0 + (long)length;
        long cost = memory.ExpansionCost(end);
        if ((ulong)cost > (ulong)gas) return false;
        gas -= cost;
        memory.Expand((long)offset.u0, (long)length);
        return true;
    }

    private static long Words(ulong bytes) => (long)((bytes + 31) / 32);

    /// <summary>Memory growth plus <paramref name="perWord"/> for each 32-byte word of <paramref name="length"/>.</summary>
    private static bool ChargeCopy(EvmMemory memory, in UInt256 offset, in UInt256 length, long perWord, ref long gas)
    {
        if (length.IsZero) return true;
        if (!length.FitsInUlong || length.u0 > int.MaxValue) return false;
        long copyCost = perWord * Words(length.u0);
        if (copyCost > gas) return false;
        gas -= copyCost;
        return ChargeMemory(memory, in offset, in length, ref gas);
    }

    private static bool ChargeLogData(EvmMemory memory, in UInt256 offset, in UInt256 length, ref long gas)
    {
        if (length.IsZero) return true;
        if (!length.FitsInUlong || length.u0 > int.MaxValue) return false;
        long dataCost = GasCost.LogData * (long)length.u0;
        if (dataCost > gas) return false;
        gas -= dataCost;
        return ChargeMemory(memory, in offset, in length, ref gas);
    }

    /// <summary>CALLDATACOPY, CODECOPY, EXTCODECOPY: copy with zero fill past the end of the source.</summary>
    private static bool CopyToMemory(EvmMemory memory, in UInt256 destOffset, in UInt256 srcOffset, in UInt256 length, ReadOnlySpan<byte> source, ref long gas)
    {
        if (!ChargeCopy(memory, in destOffset, in length, GasCost.Copy, ref gas)) return false;
        if (length.IsZero) return true;
        ReadOnlySpan<byte> from = srcOffset.FitsInUlong && srcOffset.u0 < (ulong)source.Length ? source[(int)srcOffset.u0..] : default;
        memory.WritePadded((long)destOffset.u0, (long)length.u0, from);
        return true;
    }

    /// <summary>MCOPY (EIP-5656): memory grows to cover both ranges; overlapping copies act as if through a buffer.</summary>
    private static bool MemoryCopy(EvmMemory memory, in UInt256 dest, in UInt256 src, in UInt256 length, ref long gas)
    {
        if (length.IsZero) return true;
        if (!length.FitsInUlong || length.u0 > int.MaxValue) return false;
        long copyCost = GasCost.Copy * Words(length.u0);
        if (copyCost > gas) return false;
        gas -= copyCost;
        UInt256 maxOffset = UInt256.GreaterThan(in dest, in src) ? dest : src;
        if (!ChargeMemory(memory, in maxOffset, in length, ref gas)) return false;
        memory.Slice((long)src.u0, (long)length.u0).CopyTo(memory.Slice((long)dest.u0, (long)length.u0));
        return true;
    }

    /// <summary>CALLDATALOAD: 32 bytes from <paramref name="offset"/>, zero past the end.</summary>
    private static UInt256 LoadWordPadded(byte[] data, in UInt256 offset)
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
