namespace OasisEth.Evm.Compiler;

/// <summary>
/// How much of a contract one compiled method holds. A contract is compiled to several methods (chunks of consecutive
/// segments); a jump into another chunk returns to the engine's loop, which calls that chunk (no .NET recursion).
/// Small methods stay well inside the JIT's optimisation bounds (past about 60,000 bytes of IL or 2,000 basic blocks
/// it compiles without optimisation, and past 512 locals it stops inlining), and a chunk is JIT-compiled only when
/// first entered.
/// </summary>
/// <param name="CodeBytes">A chunk closes once its segments hold this many bytes of EVM code (at the next segment no
/// other runs on into, or at twice this).</param>
/// <param name="Segments">Or once it holds this many segments.</param>
public readonly record struct ChunkBounds(int CodeBytes, int Segments)
{
    /// <summary>About 6,000 bytes of IL for compiled Solidity (10 to 20 bytes of IL per byte of code), so that most
    /// chunks need no second emission.</summary>
    public static ChunkBounds Default => new(384, 64);
}
