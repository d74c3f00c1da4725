using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Tests;

internal static class TestHex
{
    public static byte[] Bytes(string hex) => Hex.Decode(hex);

    public static string Of(byte[] bytes) => Hex.Encode(bytes);
}
