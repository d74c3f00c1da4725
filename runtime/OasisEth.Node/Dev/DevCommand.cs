namespace OasisEth.Node.Dev;

/// <summary>Runs <c>oasis-eth dev</c>: opens (or creates) the dev chain, starts the JSON-RPC server and the round
/// driver, prints the accounts, and shuts down cleanly on Ctrl-C / SIGTERM.</summary>
public static class DevCommand
{
    public static Task<int> RunAsync(DevOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<DevAccount> accounts = DevAccounts.Derive();
        DevBanner.Write(stdout, options, accounts, DevEntity.Default);
        stderr.WriteLine("oasis-eth dev: the chain is not wired in yet.");
        _ = cancel;
        return Task.FromResult(2);
    }
}
