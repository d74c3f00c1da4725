using OasisEth.Evm.Specs;
using OasisEth.Evm.Tracing;

namespace OasisEth.Evm;

/// <summary>What holds for one execution (a transaction's top-level message): the host, the fork, the tracer (if
/// any) and the RPC interrupt (none on consensus paths).</summary>
public readonly struct ExecutionContext(IHost host, ForkSpec spec, ITxTracer? tracer, CancellationToken interrupt)
{
    public IHost Host { get; } = host;
    public ForkSpec Spec { get; } = spec;
    public ITxTracer? Tracer { get; } = tracer;
    public CancellationToken Interrupt { get; } = interrupt;
}
