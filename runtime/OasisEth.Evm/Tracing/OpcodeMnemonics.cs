using System.Globalization;

namespace OasisEth.Evm.Tracing;

/// <summary>
/// Opcode names as geth's <c>OpCode.String()</c> gives them, which is what debug traces ("op") and geth's
/// invalid-opcode error ("invalid opcode: INVALID") print. Undefined bytes read "opcode 0xc not defined"
/// (geth's <c>%#x</c>: no zero padding).
/// </summary>
public static class OpcodeMnemonics
{
    private static readonly string[] Names = Build();

    public static string Get(byte opcode) => Names[opcode];

    private static string[] Build()
    {
        var n = new string[256];
        for (int i = 0; i < 256; i++) n[i] = string.Create(CultureInfo.InvariantCulture, $"opcode 0x{i:x} not defined");

        string[] arithmetic = ["STOP", "ADD", "MUL", "SUB", "DIV", "SDIV", "MOD", "SMOD", "ADDMOD", "MULMOD", "EXP", "SIGNEXTEND"];
        arithmetic.CopyTo(n, 0x00);
        string[] compare = ["LT", "GT", "SLT", "SGT", "EQ", "ISZERO", "AND", "OR", "XOR", "NOT", "BYTE", "SHL", "SHR", "SAR"];
        compare.CopyTo(n, 0x10);
        n[0x20] = "KECCAK256";
        string[] environment =
        [
            "ADDRESS", "BALANCE", "ORIGIN", "CALLER", "CALLVALUE", "CALLDATALOAD", "CALLDATASIZE", "CALLDATACOPY",
            "CODESIZE", "CODECOPY", "GASPRICE", "EXTCODESIZE", "EXTCODECOPY", "RETURNDATASIZE", "RETURNDATACOPY", "EXTCODEHASH",
        ];
        environment.CopyTo(n, 0x30);
        string[] block =
        [
            "BLOCKHASH", "COINBASE", "TIMESTAMP", "NUMBER", "PREVRANDAO", "GASLIMIT", "CHAINID", "SELFBALANCE", "BASEFEE",
            "BLOBHASH", "BLOBBASEFEE",
        ];
        block.CopyTo(n, 0x40);
        string[] memory =
        [
            "POP", "MLOAD", "MSTORE", "MSTORE8", "SLOAD", "SSTORE", "JUMP", "JUMPI", "PC", "MSIZE", "GAS", "JUMPDEST",
            "TLOAD", "TSTORE", "MCOPY", "PUSH0",
        ];
        memory.CopyTo(n, 0x50);
        for (int i = 1; i <= 32; i++) n[0x5f + i] = "PUSH" + i.ToString(CultureInfo.InvariantCulture);
        for (int i = 1; i <= 16; i++) n[0x7f + i] = "DUP" + i.ToString(CultureInfo.InvariantCulture);
        for (int i = 1; i <= 16; i++) n[0x8f + i] = "SWAP" + i.ToString(CultureInfo.InvariantCulture);
        for (int i = 0; i <= 4; i++) n[0xa0 + i] = "LOG" + i.ToString(CultureInfo.InvariantCulture);
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
