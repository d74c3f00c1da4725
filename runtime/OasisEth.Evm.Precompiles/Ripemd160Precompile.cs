using OasisEth.Primitives;
using Org.BouncyCastle.Crypto.Digests;

namespace OasisEth.Evm.Precompiles;

/// <summary>0x03 RIPEMD160 (Frontier): the 20-byte digest left-padded with zeros to 32 bytes.</summary>
public sealed class Ripemd160Precompile : IPrecompile
{
    public static readonly Ripemd160Precompile Instance = new();

    // The digest object is mutable, so one per thread; reusing it avoids an allocation per call.
    [ThreadStatic] private static RipeMD160Digest? t_digest;

    private Ripemd160Precompile() { }

    public long RequiredGas(ReadOnlySpan<byte> input, Fork fork) => PrecompileGas.Linear(input.Length, 600, 120);

    public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork)
    {
        RipeMD160Digest digest = t_digest ??= new RipeMD160Digest();
        digest.Reset();
        digest.BlockUpdate(input);
        byte[] output = new byte[32];
        digest.DoFinal(output.AsSpan(12));
        return new PrecompileResult(true, output);
    }
}
