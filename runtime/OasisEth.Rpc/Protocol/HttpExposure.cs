using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace OasisEth.Rpc;

/// <summary>
/// Who may talk to the node from where, as geth decides it. The node signs with public dev keys for anyone who
/// reaches it, so a web page the user happens to open must not be able to:
/// <list type="bullet">
/// <item>Host header (DNS rebinding: evil.example resolving to 127.0.0.1): a host name must be on the virtual-host
/// list (default <c>localhost</c>); IP literals pass, since rebinding needs a name.</item>
/// <item>Origin (a cross-origin page): browsers send it on cross-origin requests; one not on the CORS list is
/// refused outright (403), and an allowed one is echoed (never <c>*</c> unless configured).</item>
/// <item>Content type: only JSON. text/plain, form and multipart bodies are what a page can send without a CORS
/// preflight; refusing them (415) makes every cross-origin call go through the Origin check first.</item>
/// </list>
/// </summary>
internal sealed class HttpExposure
{
    /// <summary>Browser pages served from this machine (a dapp on another port): trusted by default.</summary>
    public static readonly IReadOnlyList<string> DefaultCorsOrigins = ["http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"];

    public static readonly IReadOnlyList<string> DefaultVirtualHosts = ["localhost"];

    private static readonly string[] JsonMediaTypes = ["application/json", "application/json-rpc", "application/jsonrequest"];

    private readonly bool _anyHost;
    private readonly HashSet<string> _hosts;
    private readonly bool _anyOrigin;
    private readonly List<(string Prefix, bool AnyPort)> _origins = [];

    public HttpExposure(IReadOnlyList<string>? virtualHosts, IReadOnlyList<string>? corsOrigins)
    {
        virtualHosts ??= DefaultVirtualHosts;
        corsOrigins ??= DefaultCorsOrigins;
        _anyHost = virtualHosts.Contains("*");
        _hosts = new HashSet<string>(virtualHosts.Select(h => h.Trim()), StringComparer.OrdinalIgnoreCase);
        _anyOrigin = corsOrigins.Contains("*");
        foreach (string origin in corsOrigins)
        {
            string o = origin.Trim().TrimEnd('/');
            _origins.Add(o.EndsWith(":*", StringComparison.Ordinal) ? (o[..^1], true) : (o, false));
        }
    }

    /// <summary>Host header allowed (absent, an IP literal, or a listed name, with or without a port).</summary>
    public bool HostAllowed(HostString host)
    {
        if (_anyHost || !host.HasValue) return true;
        // A client sends the same Host header on every request: the last allowed value answers without the
        // substring and address parse (two allocations per request).
        string value = host.Value!;
        if (string.Equals(value, _lastAllowed, StringComparison.Ordinal)) return true;
        string name = host.Host;
        if (name.StartsWith('[') && name.EndsWith(']')) name = name[1..^1];
        bool allowed = IPAddress.TryParse(name, out _) || _hosts.Contains(name);
        if (allowed) _lastAllowed = value;
        return allowed;
    }

    private volatile string? _lastAllowed;

    /// <summary>True for a request without Origin (not from a browser page) or with a listed one.</summary>
    public bool OriginAllowed(string? origin)
    {
        if (string.IsNullOrEmpty(origin) || _anyOrigin) return true;
        foreach ((string prefix, bool anyPort) in _origins)
        {
            if (!anyPort)
            {
                if (string.Equals(origin, prefix, StringComparison.OrdinalIgnoreCase)) return true;
                continue;
            }
            // "http://localhost:*": the origin itself without a port, or with digits after the colon.
            string bare = prefix[..^1];
            if (string.Equals(origin, bare, StringComparison.OrdinalIgnoreCase)) return true;
            if (origin.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && origin.Length > prefix.Length
                && origin.AsSpan(prefix.Length).IndexOfAnyExceptInRange('0', '9') < 0)
                return true;
        }
        return false;
    }

    /// <summary>A JSON content type (parameters such as charset allowed), as geth accepts.</summary>
    public static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? parsed)) return false;
        foreach (string json in JsonMediaTypes)
            if (parsed.MediaType.Equals(json, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>The start-up warning for an address reachable from other machines; null for loopback.</summary>
    public static string? BindWarning(IPAddress address)
    {
        if (IPAddress.IsLoopback(address)) return null;
        return $"WARNING: the JSON-RPC server listens on {address}, reachable from other machines: it has no authentication and signs "
            + "with the public dev keys for anyone who reaches it. Use it only on a network you trust (default: 127.0.0.1).";
    }
}
