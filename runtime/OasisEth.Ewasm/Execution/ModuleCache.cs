using OasisEth.Primitives;
using Wasmtime;

namespace OasisEth.Ewasm.Execution;

/// <summary>
/// Compiled modules by code hash, so a call never compiles the same contract twice while it stays cached. Bounded by
/// the bytes of code it holds; the least recently used module is dropped first (and disposed once no run uses it:
/// Wasmtime keeps a module alive while an instance of it exists).
/// </summary>
public sealed class ModuleCache(EwasmEngine engine, long maxCodeBytes = 64L * 1024 * 1024)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Hash256, LinkedListNode<Entry>> _byHash = [];
    private readonly LinkedList<Entry> _recency = new();
    private long _bytes;

    public int Count
    {
        get { lock (_lock) return _byHash.Count; }
    }

    /// <summary>Compilations so far (a test of "a call never recompiles").</summary>
    public long Compilations { get; private set; }

    /// <summary>The compiled module for <paramref name="code"/>, whose hash is <paramref name="codeHash"/>; the code
    /// must already have passed <see cref="Validation.ContractValidator"/>. Throws <see cref="WasmtimeException"/> when
    /// Wasmtime's own validation refuses it.</summary>
    public Module Get(in Hash256 codeHash, ReadOnlySpan<byte> code)
    {
        lock (_lock)
        {
            if (_byHash.TryGetValue(codeHash, out LinkedListNode<Entry>? hit))
            {
                _recency.Remove(hit);
                _recency.AddFirst(hit);
                return hit.Value.Module;
            }
        }
        // Compiled outside the lock: two first calls of one contract may both compile; the second result is dropped.
        Module module = Module.FromBytes(engine.Engine, "contract", code);
        lock (_lock)
        {
            Compilations++;
            if (_byHash.TryGetValue(codeHash, out LinkedListNode<Entry>? raced))
            {
                module.Dispose();
                return raced.Value.Module;
            }
            LinkedListNode<Entry> node = _recency.AddFirst(new Entry(codeHash, module, code.Length));
            _byHash[codeHash] = node;
            _bytes += code.Length;
            while (_bytes > maxCodeBytes && _recency.Count > 1)
            {
                LinkedListNode<Entry> last = _recency.Last!;
                _recency.RemoveLast();
                _byHash.Remove(last.Value.Hash);
                _bytes -= last.Value.Bytes;
            }
            return module;
        }
    }

    private sealed record Entry(Hash256 Hash, Module Module, int Bytes);
}
