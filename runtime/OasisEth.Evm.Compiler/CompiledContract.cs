using OasisEth.Evm.Compiler.Execution;

namespace OasisEth.Evm.Compiler;

/// <summary>One compiled method of a contract (a chunk of its segments): runs the frame from the segment in
/// <see cref="CompiledFrame.Entry"/> until it halts, requests a child, hands the frame to the interpreter
/// (<see cref="ExitCode.Running"/>) or goes on in another chunk (<see cref="CompiledContract.ChunkExit"/>).</summary>
internal delegate ExitCode CompiledBody(CompiledFrame frame);

/// <summary>
/// One code compiled for one fork: its methods (collectible <see cref="System.Reflection.Emit.DynamicMethod"/>s,
/// dropped with the last reference to this object), which method holds each segment, and the table of pcs where the
/// code can be entered.
/// </summary>
public sealed class CompiledContract
{
    /// <summary>What a chunk returns when control goes on in another chunk: never a frame's exit code.</summary>
    internal const ExitCode ChunkExit = (ExitCode)0xFF;

    internal CompiledContract(CompiledBody[]? chunks, int[] chunkOfSegment, int[] entryByPc, int segments, int ilBytes, int largestChunkIlBytes)
    {
        Chunks = chunks ?? [];
        IsRunnable = chunks is not null;
        ChunkOfSegment = chunkOfSegment;
        EntryByPc = entryByPc;
        Segments = segments;
        IlBytes = ilBytes;
        LargestChunkIlBytes = largestChunkIlBytes;
    }

    internal CompiledBody[] Chunks { get; }

    internal int[] ChunkOfSegment { get; }

    /// <summary>False when the code could not be compiled well (a single segment too large for one method, or no
    /// run-time code generation): kept so the decision is made once, and its frames run interpreted.</summary>
    public bool IsRunnable { get; }

    /// <summary>Indexed by pc (0..code length): the segment a frame can start at there, or -1 (the interpreter runs).</summary>
    internal int[] EntryByPc { get; }

    public int Segments { get; }

    /// <summary>Methods the code was split into.</summary>
    public int ChunkCount => Chunks.Length;

    /// <summary>Size of the emitted IL, all chunks (the JIT's input; the native code is larger).</summary>
    public int IlBytes { get; }

    public int LargestChunkIlBytes { get; }

    /// <summary>What keeping this compiled code costs, roughly: the native code (the JIT's output runs to a few times
    /// the IL) and the tables. The cache's memory bound counts this.</summary>
    public long EstimatedBytes => IsRunnable ? 4L * IlBytes + 4L * EntryByPc.Length + 4L * ChunkOfSegment.Length + 256 : 256;

    /// <summary>The segment entered at <paramref name="pc"/>, or -1.</summary>
    internal int EntryAt(int pc) => (uint)pc < (uint)EntryByPc.Length ? EntryByPc[pc] : -1;

    /// <summary>Runs the frame from segment <see cref="CompiledFrame.Entry"/>, chunk after chunk, until it stops or
    /// hands over to the interpreter.</summary>
    internal ExitCode Run(CompiledFrame frame)
    {
        ExitCode exit;
        do exit = Chunks[ChunkOfSegment[frame.Entry]](frame);
        while (exit == ChunkExit);
        return exit;
    }
}
