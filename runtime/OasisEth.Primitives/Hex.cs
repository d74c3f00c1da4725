namespace OasisEth.Primitives;

/// <summary>Lower-case hex without culture: the fixtures' and JSON-RPC's encoding of bytes.</summary>
public static class Hex
{
    /// <summary>Decodes hex with or without a 0x prefix; an odd length is read as if a leading zero were present.</summary>
    public static byte[] Decode(ReadOnlySpan<char> hex)
    {
        if (hex.StartsWith("0x") || hex.StartsWith("0X")) hex = hex[2..];
        int odd = hex.Length & 1;
        var result = new byte[(hex.Length + odd) / 2];
        int ci = 0, bi = 0;
        if (odd == 1) result[bi++] = (byte)Nibble(hex[ci++]);
        for (; bi < result.Length; bi++, ci += 2)
            result[bi] = (byte)((Nibble(hex[ci]) << 4) | Nibble(hex[ci + 1]));
        return result;
    }

    public static bool TryDecode(ReadOnlySpan<char> hex, out byte[] bytes)
    {
        try { bytes = Decode(hex); return true; }
        catch (FormatException) { bytes = []; return false; }
    }

    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static string EncodePrefixed(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    private static int Nibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => throw new FormatException($"'{c}' is not a hex digit."),
    };
}
