using System.Runtime.InteropServices;

namespace OasisEth.Evm.Instructions;

/// <summary>
/// Per-opcode stack requirements, checked once before the handler runs so handlers never check. Kept as
/// byte offsets into the stack (32 bytes an item) so the loop compares the raw distance of its top pointer
/// with one unsigned comparison: <c>(ulong)(bytes - MinBytes[op]) &gt; (ulong)SpanBytes[op]</c> means the
/// opcode would underflow or overflow. Native memory: read through raw pointers, never moved.
/// </summary>
internal static unsafe class StackTraits
{
    /// <summary>Minimum stack height in bytes (items needed × 32).</summary>
    public static readonly int* MinBytes = (int*)NativeMemory.AllocZeroed(256, sizeof(int));

    /// <summary>Maximum height minus minimum height, in bytes: the window of heights the opcode accepts.</summary>
    public static readonly int* SpanBytes = (int*)NativeMemory.AllocZeroed(256, sizeof(int));

    static StackTraits()
    {
        for (int op = 0; op < 256; op++) Set(op, 0, 0);
        Set(0x00, 0, 0);
        for (int op = 0x01; op <= 0x07; op++) Set(op, 2, 1);
        Set(0x08, 3, 1); Set(0x09, 3, 1); Set(0x0a, 2, 1); Set(0x0b, 2, 1);
        for (int op = 0x10; op <= 0x14; op++) Set(op, 2, 1);
        Set(0x15, 1, 1); Set(0x16, 2, 1); Set(0x17, 2, 1); Set(0x18, 2, 1); Set(0x19, 1, 1);
        Set(0x1a, 2, 1); Set(0x1b, 2, 1); Set(0x1c, 2, 1); Set(0x1d, 2, 1);
        Set(0x20, 2, 1);
        Set(0x30, 0, 1); Set(0x31, 1, 1); Set(0x32, 0, 1); Set(0x33, 0, 1); Set(0x34, 0, 1); Set(0x35, 1, 1);
        Set(0x36, 0, 1); Set(0x37, 3, 0); Set(0x38, 0, 1); Set(0x39, 3, 0); Set(0x3a, 0, 1); Set(0x3b, 1, 1);
        Set(0x3c, 4, 0); Set(0x3d, 0, 1); Set(0x3e, 3, 0); Set(0x3f, 1, 1);
        Set(0x40, 1, 1);
        for (int op = 0x41; op <= 0x48; op++) Set(op, 0, 1);
        Set(0x49, 1, 1); Set(0x4a, 0, 1);
        Set(0x50, 1, 0); Set(0x51, 1, 1); Set(0x52, 2, 0); Set(0x53, 2, 0); Set(0x54, 1, 1); Set(0x55, 2, 0);
        Set(0x56, 1, 0); Set(0x57, 2, 0); Set(0x58, 0, 1); Set(0x59, 0, 1); Set(0x5a, 0, 1); Set(0x5b, 0, 0);
        Set(0x5c, 1, 1); Set(0x5d, 2, 0); Set(0x5e, 3, 0); Set(0x5f, 0, 1);
        for (int op = 0x60; op <= 0x7f; op++) Set(op, 0, 1);
        for (int n = 1; n <= 16; n++) { Set(0x7f + n, n, n + 1); Set(0x8f + n, n + 1, n + 1); }
        for (int n = 0; n <= 4; n++) Set(0xa0 + n, n + 2, 0);
        Set(0xf0, 3, 1); Set(0xf1, 7, 1); Set(0xf2, 7, 1); Set(0xf3, 2, 0); Set(0xf4, 6, 1); Set(0xf5, 4, 1);
        Set(0xfa, 6, 1); Set(0xfd, 2, 0); Set(0xfe, 0, 0); Set(0xff, 1, 0);
    }

    private static void Set(int op, int pops, int pushes)
    {
        int maxHeight = EvmFrameState.MaxStack - Math.Max(0, pushes - pops);
        MinBytes[op] = pops * 32;
        SpanBytes[op] = (maxHeight - pops) * 32;
    }
}
