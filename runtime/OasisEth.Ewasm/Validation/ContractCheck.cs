namespace OasisEth.Ewasm.Validation;

/// <summary>The outcome of <see cref="ContractValidator.Validate"/>: the module, or the reason it is not a contract.</summary>
public readonly record struct ContractCheck(ContractModule? Module, string? Error)
{
    public bool IsValid => Error is null;
}
