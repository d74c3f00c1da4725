using OasisEth.Evm;
using OasisEth.Primitives;

namespace OasisEth.Tests.Shared;

/// <summary>
/// The fluent EVM bytecode builder of every test project:
/// <c>new Bytecode().Push(1).Push(2).Op(Opcode.ADD).Build()</c>. Opcodes by name (<see cref="Opcode"/>); raw bytes only
/// where a test wants bytes that are not an instruction (<see cref="Raw"/>).
/// </summary>
internal sealed class Bytecode
{
    private readonly List<byte> _code = [];

    public Bytecode Op(Opcode opcode) { _code.Add((byte)opcode); return this; }

    /// <summary>The shortest PUSHn for the value (PUSH1 for zero; PUSH0 when <paramref name="allowPush0"/>).</summary>
    public Bytecode Push(UInt256 value, bool allowPush0 = false)
    {
        if (value.IsZero && allowPush0) return Op(Opcode.PUSH0);
        byte[] bytes = value.ToBigEndian();
        int skip = 0;
        while (skip < 31 && bytes[skip] == 0) skip++;
        return PushBytes(bytes.AsSpan(skip).ToArray());
    }

    public Bytecode Push(ulong value) => Push(new UInt256(value));

    /// <summary>PUSH20 of the address.</summary>
    public Bytecode Push(Address address) => PushBytes(address.ToArray());

    /// <summary>PUSHn of exactly these bytes (n = length, 1..32).</summary>
    public Bytecode PushBytes(byte[] bytes)
    {
        if (bytes.Length is < 1 or > 32) throw new ArgumentOutOfRangeException(nameof(bytes), "PUSH1..PUSH32 take 1 to 32 bytes");
        _code.Add((byte)((int)Opcode.PUSH1 + bytes.Length - 1));
        _code.AddRange(bytes);
        return this;
    }

    /// <summary>Bytes as they are (data, truncated instructions, undefined opcodes).</summary>
    public Bytecode Raw(params byte[] bytes) { _code.AddRange(bytes); return this; }

    /// <summary>SSTORE(key, value).</summary>
    public Bytecode Store(ulong key, ulong value) => Push(value).Push(key).Op(Opcode.SSTORE);

    /// <summary>A CALL-family instruction with its arguments pushed in order (the value only for CALL and CALLCODE).</summary>
    public Bytecode Call(Opcode op, ulong gas, Address to, ulong value = 0, ulong argsOffset = 0, ulong argsSize = 0, ulong retOffset = 0, ulong retSize = 0)
    {
        Push(retSize).Push(retOffset).Push(argsSize).Push(argsOffset);
        if (op is Opcode.CALL or Opcode.CALLCODE) Push(value);
        return Push(to).Push(gas).Op(op);
    }

    public int Length => _code.Count;

    public byte[] Build() => [.. _code];
}
