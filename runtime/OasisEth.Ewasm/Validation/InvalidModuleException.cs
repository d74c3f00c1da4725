namespace OasisEth.Ewasm.Validation;

/// <summary>The bytes are not a well-formed WebAssembly 1.0 binary, or break a contract-interface rule; the message
/// is the reason a user sees.</summary>
internal sealed class InvalidModuleException(string message) : Exception(message);
