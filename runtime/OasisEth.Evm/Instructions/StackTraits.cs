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

    private static readonly byte[] PopsTable = new byte[256];
    private static readonly byte[] PushesTable = new byte[256];

    /// <summary>Items <paramref name="op"/> pops (the compiled tier tracks heights through a segment with these).</summary>
    public static int Pops(Opcode op) => PopsTable[(byte)op];

    /// <summary>Items <paramref name="op"/> pushes.</summary>
    public static int Pushes(Opcode op) => PushesTable[(byte)op];

    static StackTraits()
    {
        for (int op = 0; op < 256; op++) Set((Opcode)op, 0, 0);
        Set(Opcode.STOP, 0, 0);
        for (var op = Opcode.ADD; op <= Opcode.SMOD; op++) Set(op, 2, 1);
        Set(Opcode.ADDMOD, 3, 1); Set(Opcode.MULMOD, 3, 1); Set(Opcode.EXP, 2, 1); Set(Opcode.SIGNEXTEND, 2, 1);
        for (var op = Opcode.LT; op <= Opcode.EQ; op++) Set(op, 2, 1);
        Set(Opcode.ISZERO, 1, 1); Set(Opcode.AND, 2, 1); Set(Opcode.OR, 2, 1); Set(Opcode.XOR, 2, 1); Set(Opcode.NOT, 1, 1);
        Set(Opcode.BYTE, 2, 1); Set(Opcode.SHL, 2, 1); Set(Opcode.SHR, 2, 1); Set(Opcode.SAR, 2, 1);
        Set(Opcode.KECCAK256, 2, 1);
        Set(Opcode.ADDRESS, 0, 1); Set(Opcode.BALANCE, 1, 1); Set(Opcode.ORIGIN, 0, 1); Set(Opcode.CALLER, 0, 1); Set(Opcode.CALLVALUE, 0, 1); Set(Opcode.CALLDATALOAD, 1, 1);
        Set(Opcode.CALLDATASIZE, 0, 1); Set(Opcode.CALLDATACOPY, 3, 0); Set(Opcode.CODESIZE, 0, 1); Set(Opcode.CODECOPY, 3, 0); Set(Opcode.GASPRICE, 0, 1); Set(Opcode.EXTCODESIZE, 1, 1);
        Set(Opcode.EXTCODECOPY, 4, 0); Set(Opcode.RETURNDATASIZE, 0, 1); Set(Opcode.RETURNDATACOPY, 3, 0); Set(Opcode.EXTCODEHASH, 1, 1);
        Set(Opcode.BLOCKHASH, 1, 1);
        for (var op = Opcode.COINBASE; op <= Opcode.BASEFEE; op++) Set(op, 0, 1);
        Set(Opcode.BLOBHASH, 1, 1); Set(Opcode.BLOBBASEFEE, 0, 1);
        Set(Opcode.POP, 1, 0); Set(Opcode.MLOAD, 1, 1); Set(Opcode.MSTORE, 2, 0); Set(Opcode.MSTORE8, 2, 0); Set(Opcode.SLOAD, 1, 1); Set(Opcode.SSTORE, 2, 0);
        Set(Opcode.JUMP, 1, 0); Set(Opcode.JUMPI, 2, 0); Set(Opcode.PC, 0, 1); Set(Opcode.MSIZE, 0, 1); Set(Opcode.GAS, 0, 1); Set(Opcode.JUMPDEST, 0, 0);
        Set(Opcode.TLOAD, 1, 1); Set(Opcode.TSTORE, 2, 0); Set(Opcode.MCOPY, 3, 0); Set(Opcode.PUSH0, 0, 1);
        for (var op = Opcode.PUSH1; op <= Opcode.PUSH32; op++) Set(op, 0, 1);
        for (int n = 1; n <= 16; n++) { Set((Opcode)((int)Opcode.DUP1 + n - 1), n, n + 1); Set((Opcode)((int)Opcode.SWAP1 + n - 1), n + 1, n + 1); }
        for (int n = 0; n <= 4; n++) Set((Opcode)((int)Opcode.LOG0 + n), n + 2, 0);
        Set(Opcode.CREATE, 3, 1); Set(Opcode.CALL, 7, 1); Set(Opcode.CALLCODE, 7, 1); Set(Opcode.RETURN, 2, 0); Set(Opcode.DELEGATECALL, 6, 1); Set(Opcode.CREATE2, 4, 1);
        Set(Opcode.STATICCALL, 6, 1); Set(Opcode.REVERT, 2, 0); Set(Opcode.INVALID, 0, 0); Set(Opcode.SELFDESTRUCT, 1, 0);
    }

    private static void Set(Opcode op, int pops, int pushes)
    {
        int maxHeight = EvmFrameState.MaxStack - Math.Max(0, pushes - pops);
        PopsTable[(byte)op] = (byte)pops;
        PushesTable[(byte)op] = (byte)pushes;
        MinBytes[(byte)op] = pops * 32;
        SpanBytes[(byte)op] = (maxHeight - pops) * 32;
    }
}
