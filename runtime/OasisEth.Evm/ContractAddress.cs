using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;

namespace OasisEth.Evm;

/// <summary>Where CREATE and CREATE2 put a new contract.</summary>
public static class ContractAddress
{
    /// <summary>keccak256(rlp([sender, nonce]))[12..].</summary>
    public static Address FromCreate(in Address sender, ulong nonce)
    {
        byte[] encoded = Rlp.EncodeList(Rlp.EncodeAddress(sender), Rlp.EncodeULong(nonce));
        return Address.FromHash(Keccak.Compute(encoded));
    }

    /// <summary>keccak256(0xff ++ sender ++ salt ++ keccak256(initCode))[12..] (EIP-1014).</summary>
    public static Address FromCreate2(in Address sender, in UInt256 salt, ReadOnlySpan<byte> initCode)
    {
        Span<byte> buffer = stackalloc byte[1 + 20 + 32 + 32];
        buffer[0] = 0xff;
        sender.CopyTo(buffer[1..]);
        salt.WriteBigEndian(buffer[21..]);
        Keccak.Compute(initCode, buffer[53..]);
        return Address.FromHash(Keccak.Compute(buffer));
    }
}
