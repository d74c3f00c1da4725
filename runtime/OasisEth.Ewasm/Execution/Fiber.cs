namespace OasisEth.Ewasm.Execution;

/// <summary>
/// A body of code that can stop in the middle, hand a request to whoever started it, and go on when given the
/// answer: how a wasm frame, whose state lives on the native stack inside Wasmtime, asks the frame loop to run a
/// child call and waits for its result without the loop recursing into it. The body runs on a worker thread of its
/// own (<see cref="FiberThreads"/>); exactly one side runs at a time, so the body sees the caller's memory as a
/// single thread would, and the order of events is the same on every run.
/// </summary>
public sealed class Fiber<TRequest, TResponse>
    where TRequest : class
{
    private readonly SemaphoreSlim _toBody = new(0, 1);
    private readonly SemaphoreSlim _toOwner = new(0, 1);
    private TRequest? _request;
    private TResponse? _response;
    private Exception? _fault;
    private bool _started;
    private bool _abandoned;

    /// <summary>True once the body has returned (or thrown); <see cref="Request"/> is then null.</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>What the body asked for when it last suspended.</summary>
    public TRequest? Request => _request;

    /// <summary>Runs <paramref name="body"/> until it suspends or completes.</summary>
    public void Start(Action<Fiber<TRequest, TResponse>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (_started) throw new InvalidOperationException("The fiber has already started.");
        _started = true;
        FiberThreads.Run(() =>
        {
            try
            {
                body(this);
            }
            catch (Exception e)
            {
                _fault = e;
            }
            _request = null;
            IsCompleted = true;
            _toOwner.Release();
        });
        WaitForBody();
    }

    /// <summary>Called by the body: hands <paramref name="request"/> to the owner and blocks until it resumes us.</summary>
    public TResponse Suspend(TRequest request)
    {
        _request = request;
        _toOwner.Release();
        _toBody.Wait();
        if (_abandoned) throw new FiberAbandonedException();
        TResponse response = _response!;
        _response = default;
        return response;
    }

    /// <summary>Called by the owner: answers the pending request and runs the body until it suspends or completes.</summary>
    public void Resume(TResponse response)
    {
        if (IsCompleted || _request is null) throw new InvalidOperationException("The fiber is not suspended.");
        _request = null;
        _response = response;
        _toBody.Release();
        WaitForBody();
    }

    /// <summary>
    /// Called by the owner when it will never resume the body (the transaction is being thrown away): the pending
    /// <see cref="Suspend"/> throws <see cref="FiberAbandonedException"/>, the body unwinds, and its thread is freed.
    /// </summary>
    public void Abandon()
    {
        if (!_started || IsCompleted) return;
        _abandoned = true;
        _request = null;
        _toBody.Release();
        _toOwner.Wait();
        _fault = null;
    }

    private void WaitForBody()
    {
        _toOwner.Wait();
        if (_fault is { } fault)
        {
            _fault = null;
            throw new FiberFaultedException(fault);
        }
    }
}

/// <summary>Thrown inside an abandoned fiber's body at its <c>Suspend</c>; the body should let it unwind.</summary>
public sealed class FiberAbandonedException() : Exception("The fiber was abandoned by its owner.");

/// <summary>The body of a <see cref="Fiber{TRequest,TResponse}"/> threw; the original is the inner exception.</summary>
public sealed class FiberFaultedException(Exception inner) : Exception("The fiber's body failed: " + inner.Message, inner);
