namespace OasisEth.Rpc;

/// <summary>Method name → handler. Filled once at start, read-only afterwards (so lookups need no lock).</summary>
internal sealed class RpcMethodTable
{
    private readonly Dictionary<string, RpcMethod> _methods = new(StringComparer.Ordinal);

    public void Add(string name, RpcMethod method) => _methods.Add(name, method);

    /// <summary>A synchronous handler: wraps it so the table holds one delegate shape.</summary>
    public void Add(string name, Action<RpcCall> method) => _methods.Add(name, call =>
    {
        method(call);
        return default;
    });

    /// <summary>Replaces a registered handler with one built around it (to add behaviour that belongs to the node's
    /// mode rather than to the method's own group).</summary>
    public void Wrap(string name, Func<RpcMethod, RpcMethod> wrap) => _methods[name] = wrap(_methods[name]);

    public bool TryGet(string name, out RpcMethod method) => _methods.TryGetValue(name, out method!);

    public IEnumerable<string> Names => _methods.Keys;
}
