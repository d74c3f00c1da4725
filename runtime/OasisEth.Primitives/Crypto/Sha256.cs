using Org.BouncyCastle.Crypto.Digests;

namespace OasisEth.Primitives;

/// <summary>
/// SHA-256 by <see cref="NativeCrypto"/>'s choice: BouncyCastle's managed digest (the default; loads nothing) or
/// .NET's <c>System.Security.Cryptography.SHA256</c>, which on Linux is OpenSSL's libcrypto, loaded with dlopen.
/// </summary>
public static class Sha256
{
    // The digest object is mutable, so one per thread; reusing it avoids an allocation per call.
    [ThreadStatic] private static Sha256Digest? t_digest;

    /// <summary>Writes the 32-byte digest of <paramref name="data"/> to <paramref name="output"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> output)
    {
        if (output.Length < 32) throw new ArgumentException("SHA-256 output is 32 bytes.", nameof(output));
        if (NativeCrypto.IsEnabled) NativeHash(data, output);
        else ManagedHash(data, output);
    }

    public static void ManagedHash(ReadOnlySpan<byte> data, Span<byte> output)
    {
        Sha256Digest digest = t_digest ??= new Sha256Digest();
        digest.Reset();
        digest.BlockUpdate(data);
        digest.DoFinal(output);
    }

    public static void NativeHash(ReadOnlySpan<byte> data, Span<byte> output) =>
        System.Security.Cryptography.SHA256.HashData(data, output);
}
