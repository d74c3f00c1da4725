namespace OasisEth.Evm.Compiler.Analysis;

/// <summary>What the segment analysis needs to know of an opcode beyond its stack effect and static gas.</summary>
internal static class OpcodeFacts
{
    public static int ImmediateSize(Opcode op) => op is >= Opcode.PUSH1 and <= Opcode.PUSH32 ? op - Opcode.PUSH0 : 0;

    /// <summary>Whether (and why) the segment ends after <paramref name="op"/>.</summary>
    public static SegmentEnd? EndsSegment(Opcode op) => op switch
    {
        Opcode.JUMP => SegmentEnd.Jump,
        Opcode.JUMPI => SegmentEnd.ConditionalJump,
        Opcode.STOP or Opcode.RETURN or Opcode.REVERT or Opcode.SELFDESTRUCT => SegmentEnd.Halt,
        Opcode.CALL or Opcode.CALLCODE or Opcode.DELEGATECALL or Opcode.STATICCALL or Opcode.CREATE or Opcode.CREATE2 => SegmentEnd.Child,
        _ when HasDynamicGas(op) => SegmentEnd.DynamicGas,
        _ => null,
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
