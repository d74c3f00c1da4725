using System.Collections.Concurrent;

namespace OasisEth.Ewasm.Execution;

/// <summary>
/// Worker threads for fibers, reused so a call does not pay for a new thread. Each has a stack large enough for
/// Wasmtime's bounded wasm stack plus the host functions; a suspended fiber holds its thread, so nested calls take
/// more (up to one per wasm frame on the call stack), and the extra ones end when they find too many idle.
/// </summary>
internal static class FiberThreads
{
    /// <summary>Native stack of a worker: wasm's own limit (<see cref="EwasmEngine.WasmStackBytes"/>) and room for host code.</summary>
    public const int StackBytes = 4 * 1024 * 1024;

    private const int MaxIdle = 16;

    private static readonly ConcurrentBag<Worker> Idle = [];

    public static void Run(Action work)
    {
        if (!Idle.TryTake(out Worker? worker)) worker = new Worker();
        worker.Post(work);
    }

    private sealed class Worker
    {
        private readonly SemaphoreSlim _ready = new(0, 1);
        private Action? _work;

        public Worker()
        {
            var thread = new Thread(Loop, StackBytes) { IsBackground = true, Name = "ewasm-fiber" };
            thread.Start();
        }

        public void Post(Action work)
        {
            _work = work;
            _ready.Release();
        }

        private void Loop()
        {
            while (true)
            {
                _ready.Wait();
                Action work = _work!;
                _work = null;
                work();
                if (Idle.Count >= MaxIdle) return;
                Idle.Add(this);
            }
        }
    }
}
