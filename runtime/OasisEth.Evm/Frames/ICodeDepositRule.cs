namespace OasisEth.Evm;

/// <summary>
/// An engine with a rule for the code a creation deposits: the frame loop asks every engine that has one before
/// storing the code, and a refusal fails the creation like an oversized one (all its gas). Ewasm refuses a module
/// that is not a valid contract; the EVM has no such rule beyond the loop's own (size, the 0xEF prefix).
/// </summary>
public interface ICodeDepositRule
{
    bool Refuses(ReadOnlySpan<byte> code);
}
