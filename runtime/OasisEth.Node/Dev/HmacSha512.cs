using OasisEth.Primitives;

namespace OasisEth.Node.Dev;

/// <summary>
/// HMAC-SHA512 (RFC 2104) and PBKDF2 over it (RFC 8018 §5.2), on the managed <see cref="Sha512"/>: what BIP-39 and
/// BIP-32 need to derive the dev accounts. .NET's versions are OpenSSL on Linux, and loading libcrypto (or
/// BouncyCastle) for this one derivation at start-up was 2-5 MiB of the dev node's resident memory.
/// </summary>
public static class HmacSha512
{
    public const int Size = Sha512.Size;

    /// <summary>HMAC-SHA512 of <paramref name="data"/> under <paramref name="key"/>: 64 bytes into <paramref name="output"/>.</summary>
    public static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> output)
    {
        KeyedStates(key, out Sha512 inner, out Sha512 outer);
        inner.Append(data);
        Finish(inner, outer, output);
    }

    /// <summary>PBKDF2-HMAC-SHA512 with a derived key of at most one block (64 bytes), all BIP-39 asks for.</summary>
    public static byte[] Pbkdf2(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int iterations, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        if (length is < 1 or > Size) throw new ArgumentOutOfRangeException(nameof(length), "One block (1 to 64 bytes).");

        // The keyed states after the pad blocks are the same for every iteration: absorb them once, copy per use.
        KeyedStates(password, out Sha512 inner, out Sha512 outer);
        Span<byte> u = stackalloc byte[Size];
        Span<byte> t = stackalloc byte[Size];

        Sha512 first = inner;
        first.Append(salt);
        first.Append([0, 0, 0, 1]); // INT(1): the first (and only) block
        Finish(first, outer, u);
        u.CopyTo(t);
        for (int i = 1; i < iterations; i++)
        {
            Sha512 next = inner;
            next.Append(u);
            Finish(next, outer, u);
            for (int j = 0; j < Size; j++) t[j] ^= u[j];
        }
        return t[..length].ToArray();
    }

    private static void KeyedStates(ReadOnlySpan<byte> key, out Sha512 inner, out Sha512 outer)
    {
        Span<byte> block = stackalloc byte[Sha512.BlockSize];
        block.Clear();
        if (key.Length > Sha512.BlockSize) Sha512.Hash(key, block[..Size]);
        else key.CopyTo(block);

        Span<byte> pad = stackalloc byte[Sha512.BlockSize];
        for (int i = 0; i < pad.Length; i++) pad[i] = (byte)(block[i] ^ 0x36);
        inner = new Sha512();
        inner.Append(pad);
        for (int i = 0; i < pad.Length; i++) pad[i] = (byte)(block[i] ^ 0x5C);
        outer = new Sha512();
        outer.Append(pad);
    }

    // Both states arrive as copies, so the caller's keyed states stay reusable.
    private static void Finish(Sha512 inner, Sha512 outer, Span<byte> output)
    {
        Span<byte> innerHash = stackalloc byte[Size];
        inner.Finish(innerHash);
        outer.Append(innerHash);
        outer.Finish(output);
    }
}
