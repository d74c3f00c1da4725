namespace OasisEth.StateTest;

/// <summary>Mnemonics of every opcode defined up to Prague, for EIP-3155 traces (<c>opName</c>). Undefined bytes are
/// named as geth names them, so traces can be diffed against its output.</summary>
public static class OpcodeNames
{
    private static readonly string[] Names = Build();

    public static string Get(byte opcode) => Names[opcode];

    private static string[] Build()
    {
        var n = new string[256];
        for (int i = 0; i < 256; i++) n[i] = $"opcode 0x{i:x2} not defined";

        string[] low =
        [
            "STOP", "ADD", "MUL", "SUB", "DIV", "SDIV", "MOD", "SMOD", "ADDMOD", "MULMOD", "EXP", "SIGNEXTEND", // 0x00-0x0b
        ];
        for (int i = 0; i < low.Length; i++) n[i] = low[i];

        string[] compare = ["LT", "GT", "SLT", "SGT", "EQ", "ISZERO", "AND", "OR", "XOR", "NOT", "BYTE", "SHL", "SHR", "SAR"]; // 0x10-0x1d
        for (int i = 0; i < compare.Length; i++) n[0x10 + i] = compare[i];

        n[0x20] = "KECCAK256";

        string[] env =
        [
            "ADDRESS", "BALANCE", "ORIGIN", "CALLER", "CALLVALUE", "CALLDATALOAD", "CALLDATASIZE", "CALLDATACOPY",
            "CODESIZE", "CODECOPY", "GASPRICE", "EXTCODESIZE", "EXTCODECOPY", "RETURNDATASIZE", "RETURNDATACOPY", "EXTCODEHASH",
        ]; // 0x30-0x3f
        for (int i = 0; i < env.Length; i++) n[0x30 + i] = env[i];

        string[] block =
        [
            "BLOCKHASH", "COINBASE", "TIMESTAMP", "NUMBER", "PREVRANDAO", "GASLIMIT", "CHAINID", "SELFBALANCE", "BASEFEE",
            "BLOBHASH", "BLOBBASEFEE",
        ]; // 0x40-0x4a
        for (int i = 0; i < block.Length; i++) n[0x40 + i] = block[i];

        string[] memory =
        [
            "POP", "MLOAD", "MSTORE", "MSTORE8", "SLOAD", "SSTORE", "JUMP", "JUMPI", "PC", "MSIZE", "GAS", "JUMPDEST",
            "TLOAD", "TSTORE", "MCOPY", "PUSH0",
        ]; // 0x50-0x5f
        for (int i = 0; i < memory.Length; i++) n[0x50 + i] = memory[i];

        for (int i = 1; i <= 32; i++) n[0x5f + i] = "PUSH" + i;
        for (int i = 1; i <= 16; i++) n[0x7f + i] = "DUP" + i;
        for (int i = 1; i <= 16; i++) n[0x8f + i] = "SWAP" + i;
        for (int i = 0; i <= 4; i++) n[0xa0 + i] = "LOG" + i;

        n[0xf0] = "CREATE";
        n[0xf1] = "CALL";
        n[0xf2] = "CALLCODE";
        n[0xf3] = "RETURN";
        n[0xf4] = "DELEGATECALL";
        n[0xf5] = "CREATE2";
        n[0xfa] = "STATICCALL";
        n[0xfd] = "REVERT";
        n[0xfe] = "INVALID";
        n[0xff] = "SELFDESTRUCT";
        return n;
    }
}
