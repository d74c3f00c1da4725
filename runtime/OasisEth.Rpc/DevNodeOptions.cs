namespace OasisEth.Rpc;

/// <summary>How <see cref="DevNode"/> listens and drives rounds.</summary>
public sealed record DevNodeOptions
{
    public string HttpAddress { get; init; } = "127.0.0.1";

    /// <summary>Host names the server answers (Host header); IP literals always pass. null = <c>localhost</c>;
    /// <c>*</c> = any (turns off the DNS-rebinding guard).</summary>
    public IReadOnlyList<string>? VirtualHosts { get; init; }

    /// <summary>Browser origins allowed (CORS, and WebSocket Origin), e.g. <c>https://remix.ethereum.org</c>;
    /// <c>scheme://host:*</c> = any port; <c>*</c> = any origin. null = pages on this machine
    /// (<c>http://localhost:*</c>, <c>http://127.0.0.1:*</c>, <c>http://[::1]:*</c>).</summary>
    public IReadOnlyList<string>? CorsOrigins { get; init; }

    /// <summary>0 = pick a free port (see <see cref="DevNode.HttpUrl"/>).</summary>
    public int HttpPort { get; init; } = 8545;

    /// <summary>null = automine (a round as soon as a transaction is admitted); N = a round every N seconds, 1 to
    /// <see cref="MaxBlockTimeSeconds"/>.</summary>
    public ulong? BlockTimeSeconds { get; init; }

    /// <summary>
    /// The largest block timestamp the node sets (evm_mine, evm_setNextBlockTimestamp, evm_increaseTime): 2^63 - 1,
    /// far past any real use, yet 2^63 seconds short of the 64-bit limit so the chain can always continue at
    /// parent + 1, and the dev clock's signed offset arithmetic cannot overflow.
    /// </summary>
    public const ulong MaxBlockTimestamp = long.MaxValue;

    /// <summary>Longest block time (--block-time, evm_setIntervalMining): a year.</summary>
    public const ulong MaxBlockTimeSeconds = 365UL * 24 * 3600;

    /// <summary>32-byte secp256k1 keys: the accounts of eth_accounts, signers for eth_sendTransaction.</summary>
    public IReadOnlyList<byte[]> DevPrivateKeys { get; init; } = [];

    /// <summary>The addresses of <see cref="DevPrivateKeys"/>, in order, when the caller knows them: the node then
    /// reads the keys only at the first signature instead of at start (and checks them against these then). null = the
    /// node computes them at start.</summary>
    public IReadOnlyList<OasisEth.Primitives.Address>? DevAddresses { get; init; }

    /// <summary>Ed25519 public key (32 bytes) standing in for the good compute committee of every round.</summary>
    public byte[] DevEntityPublicKey { get; init; } = new byte[32];

    public RpcLimits Limits { get; init; } = new();

    public Action<string> Log { get; init; } = _ => { };

    /// <summary>Right after listening, send the server a few hundred read-only requests over loopback so the request
    /// path is JIT-optimised before clients come (<see cref="RpcWarmup"/>). The executable turns it on except on a fork (the reads would reach the fork's remote node); tests leave it off.</summary>
    public bool Warmup { get; init; }

    /// <summary>Unix seconds "now" for block timestamps; null = the system clock. Tests pin it.</summary>
    public Func<ulong>? Clock { get; init; }
}
