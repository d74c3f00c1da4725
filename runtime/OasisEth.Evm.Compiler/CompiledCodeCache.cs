using System.Runtime.CompilerServices;
using OasisEth.Evm.CodeAnalysis;
using OasisEth.Evm.Compiler.Emit;
using OasisEth.Evm.Specs;
using OasisEth.Primitives;

namespace OasisEth.Evm.Compiler;

/// <summary>
/// Compiled code per analysed code (<see cref="CodeInfo"/>, itself shared process-wide by code hash) and fork. Held
/// weakly through the <see cref="CodeInfo"/>: when the code cache drops a code, its compiled methods (collectible
/// dynamic methods) go with it. Bounded in memory too: past <see cref="MemoryBudgetBytes"/> of compiled code, the
/// oldest compilations are dropped (their code runs interpreted, or is compiled again once hot). Thread-safe:
/// compilations publish their result with one store.
/// </summary>
public sealed class CompiledCodeCache
{
    /// <summary>Frames a code must run (per fork) before the auto tier compiles it.</summary>
    public const int HotThreshold = 16;

    private static readonly int ForkCount = Enum.GetValues<Fork>().Length;

    /// <summary>Default bound on the compiled code kept (<see cref="CompiledContract.EstimatedBytes"/> summed).</summary>
    public const long DefaultMemoryBudgetBytes = 256L << 20;

    private readonly ConditionalWeakTable<CodeInfo, Slots> _slots = new();

    /// <summary>Compilations in the order they were kept, oldest first, for dropping past the budget.</summary>
    private readonly Queue<(Slots Slots, int Fork, CompiledContract Compiled)> _kept = new();
    private readonly Lock _keptLock = new();
    private long _keptBytes;

    /// <param name="chunkBounds">How much of a contract one compiled method holds (<see cref="ChunkBounds.Default"/>
    /// unless given; tests make chunks tiny to exercise the crossings).</param>
    public CompiledCodeCache(long memoryBudgetBytes = DefaultMemoryBudgetBytes, ChunkBounds? chunkBounds = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryBudgetBytes);
        MemoryBudgetBytes = memoryBudgetBytes;
        ChunkBounds = chunkBounds ?? ChunkBounds.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ChunkBounds.CodeBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ChunkBounds.Segments);
    }

    public long MemoryBudgetBytes { get; }

    public ChunkBounds ChunkBounds { get; }

    /// <summary>Estimated bytes of the compiled code kept now (at most <see cref="MemoryBudgetBytes"/> plus the newest).</summary>
    public long KeptBytes { get { lock (_keptLock) return _keptBytes; } }

    /// <summary>Compilations dropped to stay within the budget.</summary>
    public int Evictions { get; private set; }

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
        Keep(slots, (int)spec.Fork, compiled);
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
            slots.Compiling[fork] = Task.Run(() => Keep(slots, fork, Compile(code, spec)));
        return null;
    }

    /// <summary>The background compilation of this code, if one was started (tests wait on it).</summary>
    public Task Compiling(CodeInfo code, ForkSpec spec) =>
        _slots.TryGetValue(code, out Slots? slots) ? slots.Compiling[(int)spec.Fork] ?? Task.CompletedTask : Task.CompletedTask;

    /// <summary>The compiled code if there is any, never compiling.</summary>
    public CompiledContract? Peek(CodeInfo code, ForkSpec spec) =>
        _slots.TryGetValue(code, out Slots? slots) ? Volatile.Read(ref slots.Compiled[(int)spec.Fork]) : null;

    private CompiledContract Compile(CodeInfo code, ForkSpec spec)
    {
        Interlocked.Increment(ref _compilations);
        return ContractEmitter.Compile(code, spec, ChunkBounds);
    }

    /// <summary>Publishes a compilation and drops the oldest ones while the kept code is over the budget (the newest
    /// always stays, however large).</summary>
    private void Keep(Slots slots, int fork, CompiledContract compiled)
    {
        lock (_keptLock)
        {
            Volatile.Write(ref slots.Compiled[fork], compiled);
            _kept.Enqueue((slots, fork, compiled));
            _keptBytes += compiled.EstimatedBytes;
            while (_keptBytes > MemoryBudgetBytes && _kept.Count > 1)
            {
                var (oldSlots, oldFork, old) = _kept.Dequeue();
                _keptBytes -= old.EstimatedBytes;
                // Only if nothing replaced it since; a frame running it keeps its own reference.
                Interlocked.CompareExchange(ref oldSlots.Compiled[oldFork], null, old);
                // Hot again later: the auto tier counts afresh and compiles it again.
                Volatile.Write(ref oldSlots.Frames[oldFork], 0);
                Evictions++;
            }
        }
    }

    private sealed class Slots(int forks)
    {
        public readonly CompiledContract?[] Compiled = new CompiledContract?[forks];
        public readonly int[] Frames = new int[forks];
        public readonly Task?[] Compiling = new Task?[forks];
    }
}
