using OasisEth.Evm.Compiler.Execution;

namespace OasisEth.Evm.Compiler;

/// <summary>The compiled method of one code for one fork: runs the frame from the segment in
/// <see cref="CompiledFrame.Entry"/> until it halts, requests a child, or hands the frame to the interpreter
/// (<see cref="ExitCode.Running"/>).</summary>
internal delegate ExitCode CompiledBody(CompiledFrame frame);

/// <summary>
/// One code compiled for one fork: the method (a collectible <see cref="System.Reflection.Emit.DynamicMethod"/>:
/// dropped with the last reference to this object) and the table of pcs where it can be entered.
/// </summary>
public sealed class CompiledContract
{
    internal CompiledContract(CompiledBody? body, int[] entryByPc, int segments, int ilBytes)
    {
        Body = body!;
        IsRunnable = body is not null;
        EntryByPc = entryByPc;
        Segments = segments;
        IlBytes = ilBytes;
    }

    internal CompiledBody Body { get; }

    /// <summary>False when the code was too large to compile well (see <see cref="Emit.ContractEmitter.MaxIlBytes"/>):
    /// kept so the decision is made once, and its frames run interpreted.</summary>
    public bool IsRunnable { get; }

    /// <summary>Indexed by pc (0..code length): the segment a frame can start at there, or -1 (the interpreter runs).</summary>
    internal int[] EntryByPc { get; }

    public int Segments { get; }

    /// <summary>Size of the emitted IL (the JIT's input; the native code is larger).</summary>
    public int IlBytes { get; }

    /// <summary>What keeping this compiled code costs, roughly: the native code (the JIT's output runs to a few times
    /// the IL) and the entry table. The cache's memory bound counts this.</summary>
    public long EstimatedBytes => IsRunnable ? 4L * IlBytes + 4L * EntryByPc.Length + 256 : 256;

    /// <summary>The segment entered at <paramref name="pc"/>, or -1.</summary>
    internal int EntryAt(int pc) => (uint)pc < (uint)EntryByPc.Length ? EntryByPc[pc] : -1;
}
