using System.Globalization;
using System.Text;
using OasisEth.Primitives;

namespace OasisEth.StateTest;

/// <summary>
/// State tests carry no block history. The reference runners (geth <c>evm statetest</c>) answer BLOCKHASH(n) with
/// keccak256 of the ASCII decimal string of n, and the fixtures' expected roots were computed that way, so we do the
/// same. The interpreter checks the 256-block window itself.
/// </summary>
public static class BlockHashes
{
    public static Hash256 Of(ulong number)
    {
        Span<byte> ascii = stackalloc byte[20];
        number.TryFormat(ascii, out int written, default, CultureInfo.InvariantCulture);
        return Keccak.Compute(ascii[..written]);
    }

    /// <summary>The same, from a string, for tests.</summary>
    public static Hash256 OfText(string text) => Keccak.Compute(Encoding.ASCII.GetBytes(text));
}
