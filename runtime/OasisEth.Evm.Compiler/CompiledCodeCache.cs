using System.Runtime.CompilerServices;
using OasisEth.Evm.CodeAnalysis;
using OasisEth.Evm.Compiler.Emit;
using OasisEth.Evm.Specs;
using OasisEth.Primitives;

namespace OasisEth.Evm.Compiler;

/// <summary>
/// Compiled code per analysed code (<see cref="CodeInfo"/>, itself shared process-wide by code hash) and fork. Held
/// weakly through the <see cref="CodeInfo"/>: when the code cache drops a code, its compiled methods (collectible
/// dynamic methods) go with it, so this cache is bounded by the code cache. Thread-safe: background compilations
/// publish their result with one store.
/// </summary>
public sealed class CompiledCodeCache
{
    /// <summary>Frames a code must run (per fork) before the auto tier compiles it.</summary>
    public const int HotThreshold = 16;

    private static readonly int ForkCount = Enum.GetValues<Fork>().Length;

    private readonly ConditionalWeakTable<CodeInfo, Slots> _slots = new();

    /// <summary>Compilations done so far (for tests and measurements).</summary>
    public int Compilations => _compilations;
    private int _compilations;

    /// <summary>The compiled code, compiling it now if there is none yet.</summary>
    public CompiledContract GetOrCompile(CodeInfo code, ForkSpec spec)
    {
        Slots slots = _slots.GetValue(code, static _ => new Slots(ForkCount));
        ref CompiledContract? slot = ref slots.Compiled[(int)spec.Fork];
        CompiledContract? compiled = Volatile.Read(ref slot);
        if (compiled is not null) return compiled;
        compiled = Compile(code, spec);
        Volatile.Write(ref slot, compiled);
        return compiled;
    }

    /// <summary>The compiled code if there is any; counts the frame and, when the code turns hot, starts compiling it on
    /// the thread pool (the frames meanwhile run interpreted, which gives the same results).</summary>
    public CompiledContract? GetOrWarm(CodeInfo code, ForkSpec spec)
    {
        Slots slots = _slots.GetValue(code, static _ => new Slots(ForkCount));
        int fork = (int)spec.Fork;
        CompiledContract? compiled = Volatile.Read(ref slots.Compiled[fork]);
        if (compiled is not null) return compiled;
        if (Interlocked.Increment(ref slots.Frames[fork]) == HotThreshold)
            ThreadPool.UnsafeQueueUserWorkItem(static state =>
            {
                var (cache, code, spec, slots) = state;
                Volatile.Write(ref slots.Compiled[(int)spec.Fork], cache.Compile(code, spec));
            }, (this, code, spec, slots), preferLocal: false);
        return null;
    }

    /// <summary>The compiled code if there is any, never compiling.</summary>
    public CompiledContract? Peek(CodeInfo code, ForkSpec spec) =>
        _slots.TryGetValue(code, out Slots? slots) ? Volatile.Read(ref slots.Compiled[(int)spec.Fork]) : null;

    private CompiledContract Compile(CodeInfo code, ForkSpec spec)
    {
        Interlocked.Increment(ref _compilations);
        return ContractEmitter.Compile(code, spec);
    }

    private sealed class Slots(int forks)
    {
        public readonly CompiledContract?[] Compiled = new CompiledContract?[forks];
        public readonly int[] Frames = new int[forks];
    }
}
