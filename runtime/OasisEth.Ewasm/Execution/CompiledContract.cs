using OasisEth.Ewasm.Validation;
using Wasmtime;

namespace OasisEth.Ewasm.Execution;

/// <summary>A contract module ready to instantiate (with what validation learned of it), or the reason it cannot
/// run; both are cached, so an invalid contract is not re-validated on every call either.</summary>
public sealed record CompiledContract(Module? Module, ContractModule? Shape, string? Error)
{
    public static CompiledContract Invalid(string error) => new(null, null, error);
}
