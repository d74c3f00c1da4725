using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OasisEth.Evm.Specs;
using OasisEth.Primitives;

namespace OasisEth.Evm.CodeAnalysis;

/// <summary>
/// Contract code prepared for the interpreter: the bytes with 32 zero bytes before them (so a PUSHn can read
/// the 32 bytes ending at its last immediate byte and mask, with no short-read path) and 33 zero bytes (STOP)
/// after them (so a PUSH at the end and the fall-off-the-end case need no bounds check), and the JUMPDEST bitmap.
/// Built once per code hash and shared process-wide (code is immutable once deployed).
/// </summary>
public sealed class CodeInfo
{
    /// <summary>Offset of the first code byte in <see cref="Padded"/>.</summary>
    public const int LeadingPadding = 32;
    private const int TrailingPadding = 33;
    private static readonly ConcurrentDictionary<Hash256, CodeInfo> Cache = new();
    private const int MaxCacheEntries = 1 << 16;
    // Each entry costs about ten times its code (the padded copy, and 8 bytes a byte of block checks): a byte bound
    // keeps many large contracts from holding gigabytes.
    private const long MaxCacheBytes = 256L << 20;
    private static long _cacheBytes;

    public static readonly CodeInfo Empty = new([]);

    /// <summary>32 zero bytes, the code, 33 zero bytes; pinned, so the interpreter can hold a raw pointer to it.</summary>
    public readonly byte[] Padded;
    public readonly int Length;
    private readonly ulong[] _jumpDests;
    private BlockChecks? _blockChecks; // for the fork last asked; replaced whole, so readers never see a mix

    public CodeInfo(byte[] code)
    {
        Length = code.Length;
        Padded = GC.AllocateArray<byte>(LeadingPadding + code.Length + TrailingPadding, pinned: true);
        code.CopyTo(Padded, LeadingPadding);
        _jumpDests = JumpDestAnalyzer.Analyze(code);
    }

    public ReadOnlySpan<byte> Code => Padded.AsSpan(LeadingPadding, Length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsValidJumpDest(ulong destination) =>
        // The bitmap holds (Length + 63) / 64 + 1 words, so past the length check the index is in range: no second
        // bounds check in the interpreter's jump path.
        destination < (ulong)Length
        && (Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_jumpDests), (nint)(destination >> 6)) & (1UL << (int)(destination & 63))) != 0;

    /// <summary>The per-block checks of this code under <paramref name="spec"/>, built on first use for that fork.</summary>
    public BlockChecks BlockChecksFor(ForkSpec spec)
    {
        BlockChecks? checks = _blockChecks;
        if (checks is not null && ReferenceEquals(checks.Spec, spec)) return checks;
        checks = new BlockChecks(Code, spec);
        _blockChecks = checks;
        return checks;
    }

    /// <summary>The analysed code for a hash, analysing <paramref name="code"/> on first sight.</summary>
    public static CodeInfo Get(in Hash256 codeHash, byte[] code)
    {
        if (code.Length == 0) return Empty;
        if (Cache.TryGetValue(codeHash, out var info)) return info;
        info = new CodeInfo(code);
        // A crude bound: contracts deployed by tests and attacks should not grow the cache without limit.
        long bytes = 10L * code.Length + 256;
        if (Cache.Count >= MaxCacheEntries || Interlocked.Add(ref _cacheBytes, bytes) > MaxCacheBytes)
        {
            Cache.Clear();
            Interlocked.Exchange(ref _cacheBytes, bytes);
        }
        Cache.TryAdd(codeHash, info);
        return info;
    }
}
