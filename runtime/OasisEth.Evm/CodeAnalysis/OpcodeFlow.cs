namespace OasisEth.Evm.CodeAnalysis;

/// <summary>
/// Where straight-line runs of code end, for the interpreter's per-block checks (<see cref="BlockChecks"/>) and the
/// compiled tier's segments: the two must agree on which instructions may see the exact gas left.
/// </summary>
internal static class OpcodeFlow
{
    public static int ImmediateSize(Opcode op) => op is >= Opcode.PUSH1 and <= Opcode.PUSH32 ? op - Opcode.PUSH0 : 0;

    /// <summary>
    /// The run ends after <paramref name="op"/>: it jumps, halts, pauses for a child, or charges gas that depends on
    /// operands, state or the gas left. Gas of a run is charged at its start, so only its last instruction may read the
    /// gas left or charge more, and then it sees exactly what it would have seen instruction by instruction.
    /// </summary>
    public static bool EndsBlock(Opcode op) => op switch
    {
        Opcode.JUMP or Opcode.JUMPI => true,
        Opcode.STOP or Opcode.RETURN or Opcode.REVERT or Opcode.SELFDESTRUCT => true,
        Opcode.CALL or Opcode.CALLCODE or Opcode.DELEGATECALL or Opcode.STATICCALL or Opcode.CREATE or Opcode.CREATE2 => true,
        _ => HasDynamicGas(op),
    };

    /// <summary>Opcodes whose charge depends on operands, on state (cold/warm, storage status) or on the gas left.</summary>
    public static bool HasDynamicGas(Opcode op) => op switch
    {
        Opcode.EXP or Opcode.KECCAK256 or Opcode.BALANCE or Opcode.CALLDATACOPY or Opcode.CODECOPY or Opcode.EXTCODESIZE
            or Opcode.EXTCODECOPY or Opcode.RETURNDATACOPY or Opcode.EXTCODEHASH or Opcode.MLOAD or Opcode.MSTORE
            or Opcode.MSTORE8 or Opcode.SLOAD or Opcode.SSTORE or Opcode.GAS or Opcode.MCOPY => true,
        >= Opcode.LOG0 and <= Opcode.LOG4 => true,
        _ => false,
    };
}
