namespace OasisEth.Ewasm.Validation;

/// <summary>What validation learned about a contract module that the engine needs: the host functions it imports
/// (each defined once in the linker) and its initial memory.</summary>
public sealed record ContractModule(IReadOnlyList<string> ImportedFunctions, uint InitialMemoryPages, uint? MaximumMemoryPages);
