using OasisEth.Executor;
using OasisEth.Node.Dev;
using OasisEth.Primitives;

namespace OasisEth.Node.Bundle;

/// <summary>
/// <c>oasis-eth bundle</c>: builds a <c>.orc</c> from this executable (or <c>--executable</c>), the Wasmtime library
/// beside it and a genesis, or
/// checks one with <c>--verify</c>. Prints the manifest hash either way; exit 0 only when the bundle would load.
/// </summary>
public static class BundleCommand
{
    /// <summary>Builds the bundle. <paramref name="genesis"/>: null for the network genesis
    /// (<see cref="GenesisConfig.Network"/>), "dev" for the dev chain's, else a genesis file.</summary>
    public static int Build(string? genesis, string output, string? runtimeIdHex, string? executablePath, TextWriter stdout, TextWriter stderr)
    {
        GenesisConfig config;
        byte[] genesisJson;
        try
        {
            if (genesis is null) config = GenesisConfig.Network();
            else if (genesis == "dev") config = DevCommand.Genesis(DevAccounts.DefaultAddresses, DevOptions.DefaultChainId);
            else config = GenesisConfig.Parse(File.ReadAllText(genesis));
            genesisJson = genesis is null or "dev" ? System.Text.Encoding.UTF8.GetBytes(config.ToJson()) : File.ReadAllBytes(genesis);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"bundle: genesis: {e.Message}");
            return 2;
        }

        string idHex = runtimeIdHex ?? (genesis == "dev" ? RuntimeIdentity.DefaultTestRuntimeId : RuntimeIdentity.DefaultNetworkRuntimeId);
        if (idHex.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) idHex = idHex[2..];
        if (idHex.Length != 64 || !Hex.TryDecode(idHex, out byte[] runtimeId))
        {
            stderr.WriteLine($"bundle: --runtime-id must be 64 hex digits (32 bytes), got \"{runtimeIdHex}\"");
            return 2;
        }

        string? exe = executablePath ?? SelfExecutable();
        if (exe is null)
        {
            stderr.WriteLine("bundle: this process is not the oasis-eth executable (run through `dotnet`?); pass --executable PATH of the published ELF");
            return 2;
        }

        // The publish folder (and the build output) has Wasmtime's library beside the executable.
        string wasmtime = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(exe))!, RuntimeIdentity.WasmtimeFileName);
        if (!File.Exists(wasmtime))
        {
            stderr.WriteLine($"bundle: {wasmtime} not found: the runtime needs Wasmtime's native library beside the executable (dotnet publish puts it there)");
            return 2;
        }

        BundleManifest manifest;
        try
        {
            manifest = BundleWriter.Write(output, File.ReadAllBytes(exe), genesisJson, File.ReadAllBytes(wasmtime), runtimeId, "oasis-eth");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"bundle: {e.Message}");
            return 2;
        }

        // Checked the way --verify checks, so a bundle that is written is one that loads.
        BundleCheck check = BundleVerifier.Verify(output);
        if (!check.Ok)
        {
            stderr.WriteLine($"bundle: the written bundle does not verify: {check.Error}");
            return 1;
        }
        stdout.WriteLine($"Wrote {output}");
        stdout.WriteLine($"Runtime id: {Convert.ToHexStringLower(runtimeId)}");
        stdout.WriteLine($"Version: {manifest.Version.Major}.{manifest.Version.Minor}.{manifest.Version.Patch}");
        stdout.WriteLine($"Genesis hash: {config.Hash}");
        stdout.WriteLine($"Manifest hash: {Convert.ToHexStringLower(check.ManifestHash.Bytes)}");
        return 0;
    }

    public static int Verify(string path, TextWriter stdout, TextWriter stderr)
    {
        BundleCheck check = BundleVerifier.Verify(path);
        if (!check.Ok)
        {
            stderr.WriteLine($"bundle: {path} would not load: {check.Error}");
            return 1;
        }
        BundleManifest m = check.Manifest!;
        stdout.WriteLine($"OK {path}");
        stdout.WriteLine($"Runtime id: {Convert.ToHexStringLower(m.RuntimeId)}");
        stdout.WriteLine($"Version: {m.Version.Major}.{m.Version.Minor}.{m.Version.Patch}");
        stdout.WriteLine($"Genesis hash: {check.Genesis!.Hash}");
        stdout.WriteLine($"Manifest hash: {Convert.ToHexStringLower(check.ManifestHash.Bytes)}");
        return 0;
    }

    /// <summary>The running executable when it is oasis-eth itself (a published ELF), not the dotnet host.</summary>
    private static string? SelfExecutable()
    {
        string? path = Environment.ProcessPath;
        return path is not null && Path.GetFileName(path) == RuntimeIdentity.ExecutableName ? path : null;
    }
}
