using OasisEth.Ewasm.Validation;
using OasisEth.Primitives;
using Wasmtime;

namespace OasisEth.Ewasm.Execution;

/// <summary>
/// Contracts by code hash: validated (<see cref="ContractValidator"/>) and compiled once, so a call never
/// recompiles a contract that is still cached. Bounded by the bytes of code held; the least recently used entry
/// goes first (its module is released by Wasmtime once no instance uses it).
/// </summary>
public sealed class ContractCache(EwasmEngine engine, long maxCodeBytes = 64L * 1024 * 1024)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Hash256, LinkedListNode<Entry>> _byHash = [];
    private readonly LinkedList<Entry> _recency = new();
    private long _bytes;
    private long _compilations;

    public int Count
    {
        get { lock (_lock) return _byHash.Count; }
    }

    /// <summary>Validations and compilations so far (the proof that a warm call does neither).</summary>
    public long Compilations => Interlocked.Read(ref _compilations);

    public CompiledContract Get(ReadOnlySpan<byte> code) => Get(Keccak.Compute(code), code);

    public CompiledContract Get(in Hash256 codeHash, ReadOnlySpan<byte> code)
    {
        lock (_lock)
        {
            if (_byHash.TryGetValue(codeHash, out LinkedListNode<Entry>? hit))
            {
                _recency.Remove(hit);
                _recency.AddFirst(hit);
                return hit.Value.Contract;
            }
        }
        // Outside the lock: two first calls of one contract may both compile; the later result is dropped.
        CompiledContract compiled = Compile(engine, code);
        Interlocked.Increment(ref _compilations);
        lock (_lock)
        {
            if (_byHash.TryGetValue(codeHash, out LinkedListNode<Entry>? raced)) return raced.Value.Contract;
            _byHash[codeHash] = _recency.AddFirst(new Entry(codeHash, compiled, code.Length));
            _bytes += code.Length;
            while (_bytes > maxCodeBytes && _recency.Count > 1)
            {
                LinkedListNode<Entry> last = _recency.Last!;
                _recency.RemoveLast();
                _byHash.Remove(last.Value.Hash);
                _bytes -= last.Value.Bytes;
            }
            return compiled;
        }
    }

    /// <summary>Our rules first (they explain themselves), then Wasmtime's validation and compilation.</summary>
    public static CompiledContract Compile(EwasmEngine engine, ReadOnlySpan<byte> code)
    {
        ContractCheck check = ContractValidator.Validate(code);
        if (!check.IsValid) return CompiledContract.Invalid(check.Error!);
        try
        {
            return new CompiledContract(Module.FromBytes(engine.Engine, "contract", code), check.Module, null);
        }
        catch (WasmtimeException e)
        {
            return CompiledContract.Invalid("invalid WebAssembly: " + FirstLine(e.Message));
        }
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOf('\n');
        return end < 0 ? message : message[..end];
    }

    private sealed record Entry(Hash256 Hash, CompiledContract Contract, int Bytes);
}
