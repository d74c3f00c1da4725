using System.Globalization;
using OasisEth.Primitives;

namespace OasisEth.Node.Dev;

/// <summary>What the dev node prints at start: accounts with their private keys (the way local dev nodes usually
/// do, so keys can be pasted into wallets and scripts), the mnemonic, the dev entity, chain id and data directory.</summary>
public static class DevBanner
{
    public static void Write(TextWriter output, DevOptions options, IReadOnlyList<DevAccount> accounts, DevEntity entity, string balance = "10000 OETH")
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(entity);
        var inv = CultureInfo.InvariantCulture;

        output.WriteLine("oasis-eth dev: local development node");
        output.WriteLine();
        output.WriteLine("Available Accounts");
        output.WriteLine("==================");
        foreach (DevAccount a in accounts)
            output.WriteLine(string.Create(inv, $"({a.Index}) {a.Address.ToChecksumString()} ({balance})"));
        output.WriteLine();
        output.WriteLine("Private Keys");
        output.WriteLine("==================");
        foreach (DevAccount a in accounts)
            output.WriteLine(string.Create(inv, $"({a.Index}) {Hex.EncodePrefixed(a.PrivateKey)}"));
        output.WriteLine();
        output.WriteLine("Wallet");
        output.WriteLine("==================");
        output.WriteLine($"Mnemonic:          {DevAccounts.Mnemonic}");
        output.WriteLine($"Derivation path:   {DevAccounts.PathPrefix}<index>");
        output.WriteLine();
        output.WriteLine("Dev entity (stands in for the compute committee)");
        output.WriteLine("==================");
        output.WriteLine($"Ed25519 public key: {Hex.EncodePrefixed(entity.PublicKey)}");
        output.WriteLine($"Ed25519 seed:       {Hex.EncodePrefixed(entity.Seed)} (SHA-256 of \"{DevEntity.SeedLabel}\")");
        output.WriteLine();
        output.WriteLine(string.Create(inv, $"Chain ID:          {options.ChainId}"));
        output.WriteLine($"Data directory:    {options.DataDirectory}");
        output.WriteLine(options.DisableBlockGasLimit
            ? "Block gas limit:   disabled (2^63 - 1)"
            : string.Create(inv, $"Block gas limit:   {options.BlockGasLimit}"));
        output.WriteLine(options.CallGasCap == 0
            ? "RPC gas cap:       unlimited"
            : string.Create(inv, $"RPC gas cap:       {options.CallGasCap}"));
        output.WriteLine(options.BlockTimeSeconds is ulong s
            ? string.Create(inv, $"Block time:        {s} s")
            : "Mining:            automine (one block per transaction batch)");
        output.WriteLine();
        output.Flush();
    }
}
