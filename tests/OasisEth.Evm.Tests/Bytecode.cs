using OasisEth.Primitives;

namespace OasisEth.Evm.Tests;

/// <summary>A small fluent builder for EVM bytecode in tests: <c>new Bytecode().Push(1).Push(2).Op(Op.ADD)</c>.</summary>
public sealed class Bytecode
{
    private readonly List<byte> _code = [];

    public Bytecode Op(byte opcode) { _code.Add(opcode); return this; }

    /// <summary>The shortest PUSH for the value (PUSH0 for zero when <paramref name="allowPush0"/>).</summary>
    public Bytecode Push(UInt256 value, bool allowPush0 = false)
    {
        if (value.IsZero && allowPush0) return Op(0x5f);
        byte[] bytes = value.ToBigEndian();
        int skip = 0;
        while (skip < 31 && bytes[skip] == 0) skip++;
        _code.Add((byte)(0x60 + 31 - skip));
        for (int i = skip; i < 32; i++) _code.Add(bytes[i]);
        return this;
    }

    public Bytecode Push(ulong value) => Push(new UInt256(value));

    public Bytecode Push(Address address)
    {
        _code.Add(0x73);
        _code.AddRange(address.Bytes.ToArray());
        return this;
    }

    public Bytecode Raw(params byte[] bytes) { _code.AddRange(bytes); return this; }

    /// <summary>SSTORE(key, value).</summary>
    public Bytecode Store(ulong key, ulong value) => Push(value).Push(key).Op(0x55);

    public int Length => _code.Count;

    public byte[] Build() => [.. _code];
}
