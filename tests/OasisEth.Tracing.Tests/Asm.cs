using OasisEth.Primitives;

namespace OasisEth.Tracing.Tests;

/// <summary>A tiny bytecode builder: <c>new Asm().Push(1).Push(2).Op(Asm.ADD).Build()</c>.</summary>
public sealed class Asm
{
    public const byte STOP = 0x00, ADD = 0x01, SHL = 0x1b, CALLER = 0x33, POP = 0x50, MSTORE = 0x52, MSTORE8 = 0x53,
        SLOAD = 0x54, SSTORE = 0x55, LOG0 = 0xa0, LOG1 = 0xa1, CREATE = 0xf0, CALL = 0xf1, RETURN = 0xf3,
        DELEGATECALL = 0xf4, STATICCALL = 0xfa, REVERT = 0xfd, INVALID = 0xfe, SELFDESTRUCT = 0xff;

    private readonly List<byte> _code = [];

    public Asm Op(byte opcode) { _code.Add(opcode); return this; }

    /// <summary>The shortest PUSHn (PUSH1 for zero; PUSH0 only when asked for explicitly with <see cref="Op"/>).</summary>
    public Asm Push(ulong value) => Push(new UInt256(value));

    public Asm Push(UInt256 value)
    {
        byte[] bytes = value.ToBigEndian();
        int skip = 0;
        while (skip < 31 && bytes[skip] == 0) skip++;
        return PushBytes(bytes.AsSpan(skip).ToArray());
    }

    public Asm Push(Address address) => PushBytes(address.ToArray());

    /// <summary>PUSHn of exactly these bytes (n = length, 1..32).</summary>
    public Asm PushBytes(byte[] bytes)
    {
        _code.Add((byte)(0x5f + bytes.Length));
        _code.AddRange(bytes);
        return this;
    }

    /// <summary>CALL-family with the arguments pushed in the right order (value only for CALL/CALLCODE).</summary>
    public Asm Call(byte op, ulong gas, Address to, ulong value = 0, ulong argsOffset = 0, ulong argsSize = 0, ulong retOffset = 0, ulong retSize = 0)
    {
        Push(retSize).Push(retOffset).Push(argsSize).Push(argsOffset);
        if (op is CALL or 0xf2) Push(value);
        return Push(to).Push(gas).Op(op);
    }

    public byte[] Build() => [.. _code];
}
