using OasisEth.Host.Protocol;

namespace OasisEth.Host.Dispatch;

/// <summary>Thrown by a handler to answer with exactly this Error body (module, code ≥ 1, message).</summary>
public sealed class RuntimeErrorException(string module, uint code, string message) : Exception(message)
{
    public string Module { get; } = module;
    public uint Code { get; } = code == 0 ? 1 : code;

    public ErrorBody ToBody() => new(Module, Code, Message);
}

/// <summary>The host answered a runtime → host request with an Error body.</summary>
public sealed class HostCallException(ErrorBody error)
    : Exception($"host error {error.Module}/{error.Code}: {error.Message}")
{
    public ErrorBody Error { get; } = error;
}
