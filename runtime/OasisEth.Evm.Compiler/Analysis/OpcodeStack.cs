namespace OasisEth.Evm.Compiler.Analysis;

/// <summary>
/// Items each opcode pops and pushes. The interpreter keeps only the window of heights it accepts
/// (<c>StackTraits</c>); the compiler needs the net change too, to track the height through a segment.
/// A test holds the two tables to the same windows.
/// </summary>
internal static class OpcodeStack
{
    private static readonly byte[] PopsTable = new byte[256];
    private static readonly byte[] PushesTable = new byte[256];

    static OpcodeStack()
    {
        for (var op = Opcode.ADD; op <= Opcode.SMOD; op++) Set(op, 2, 1);
        Set(Opcode.ADDMOD, 3, 1); Set(Opcode.MULMOD, 3, 1); Set(Opcode.EXP, 2, 1); Set(Opcode.SIGNEXTEND, 2, 1);
        for (var op = Opcode.LT; op <= Opcode.EQ; op++) Set(op, 2, 1);
        Set(Opcode.ISZERO, 1, 1); Set(Opcode.AND, 2, 1); Set(Opcode.OR, 2, 1); Set(Opcode.XOR, 2, 1); Set(Opcode.NOT, 1, 1);
        Set(Opcode.BYTE, 2, 1); Set(Opcode.SHL, 2, 1); Set(Opcode.SHR, 2, 1); Set(Opcode.SAR, 2, 1);
        Set(Opcode.KECCAK256, 2, 1);
        Set(Opcode.ADDRESS, 0, 1); Set(Opcode.BALANCE, 1, 1); Set(Opcode.ORIGIN, 0, 1); Set(Opcode.CALLER, 0, 1);
        Set(Opcode.CALLVALUE, 0, 1); Set(Opcode.CALLDATALOAD, 1, 1); Set(Opcode.CALLDATASIZE, 0, 1); Set(Opcode.CALLDATACOPY, 3, 0);
        Set(Opcode.CODESIZE, 0, 1); Set(Opcode.CODECOPY, 3, 0); Set(Opcode.GASPRICE, 0, 1); Set(Opcode.EXTCODESIZE, 1, 1);
        Set(Opcode.EXTCODECOPY, 4, 0); Set(Opcode.RETURNDATASIZE, 0, 1); Set(Opcode.RETURNDATACOPY, 3, 0); Set(Opcode.EXTCODEHASH, 1, 1);
        Set(Opcode.BLOCKHASH, 1, 1);
        for (var op = Opcode.COINBASE; op <= Opcode.BASEFEE; op++) Set(op, 0, 1);
        Set(Opcode.BLOBHASH, 1, 1); Set(Opcode.BLOBBASEFEE, 0, 1);
        Set(Opcode.POP, 1, 0); Set(Opcode.MLOAD, 1, 1); Set(Opcode.MSTORE, 2, 0); Set(Opcode.MSTORE8, 2, 0);
        Set(Opcode.SLOAD, 1, 1); Set(Opcode.SSTORE, 2, 0); Set(Opcode.JUMP, 1, 0); Set(Opcode.JUMPI, 2, 0);
        Set(Opcode.PC, 0, 1); Set(Opcode.MSIZE, 0, 1); Set(Opcode.GAS, 0, 1);
        Set(Opcode.TLOAD, 1, 1); Set(Opcode.TSTORE, 2, 0); Set(Opcode.MCOPY, 3, 0);
        for (var op = Opcode.PUSH0; op <= Opcode.PUSH32; op++) Set(op, 0, 1);
        for (int n = 1; n <= 16; n++)
        {
            Set((Opcode)((int)Opcode.DUP1 + n - 1), n, n + 1);
            Set((Opcode)((int)Opcode.SWAP1 + n - 1), n + 1, n + 1);
        }
        for (int n = 0; n <= 4; n++) Set((Opcode)((int)Opcode.LOG0 + n), n + 2, 0);
        Set(Opcode.CREATE, 3, 1); Set(Opcode.CALL, 7, 1); Set(Opcode.CALLCODE, 7, 1); Set(Opcode.RETURN, 2, 0);
        Set(Opcode.DELEGATECALL, 6, 1); Set(Opcode.CREATE2, 4, 1); Set(Opcode.STATICCALL, 6, 1); Set(Opcode.REVERT, 2, 0);
        Set(Opcode.SELFDESTRUCT, 1, 0);
    }

    public static int Pops(Opcode op) => PopsTable[(byte)op];

    public static int Pushes(Opcode op) => PushesTable[(byte)op];

    /// <summary>The highest stack height at which <paramref name="op"/> runs without overflowing.</summary>
    public static int MaxHeight(Opcode op) => EvmFrameState.MaxStack - Math.Max(0, Pushes(op) - Pops(op));

    private static void Set(Opcode op, int pops, int pushes)
    {
        PopsTable[(byte)op] = (byte)pops;
        PushesTable[(byte)op] = (byte)pushes;
    }
}
