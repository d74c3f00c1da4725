using NBitcoin.Secp256k1;

namespace OasisEth.Rpc.Tests;

/// <summary>Fixed test keys: index → secp256k1 key and its address.</summary>
internal static class Keys
{
    public static byte[] Key(int index)
    {
        var key = new byte[32];
        key[0] = 0x22;
        key[31] = (byte)(index + 1);
        return key;
    }

    public static Address Address(int index)
    {
        Assert.That(Context.Instance.TryCreateECPrivKey(Key(index), out ECPrivKey? priv), Is.True);
        return DevAccounts.AddressOf(priv!);
    }
}
