using System.Diagnostics;
using OasisEth.Tests.Shared;

namespace OasisEth.Ewasm.Tests.Contracts;

/// <summary>
/// The test contracts from their sources in this folder: WebAssembly text compiled in-process, C compiled once per
/// test run by <c>build.sh</c> (clang's wasm32 target and wasm-ld; <c>.ci/run</c> installs Debian's lld when missing).
/// </summary>
internal static class TestContracts
{
    private static readonly Lazy<string> BuiltC = new(BuildC);

    public static string SourceFolder => SharedFixtures.FindAbove("Contracts");

    public static byte[] Counter => Wat.Compile(File.ReadAllText(Path.Combine(SourceFolder, "counter.wat")));

    public static byte[] Token => File.ReadAllBytes(Path.Combine(BuiltC.Value, "token.wasm"));

    public static byte[] Relay => File.ReadAllBytes(Path.Combine(BuiltC.Value, "relay.wasm"));

    public static byte[] Sha1 => File.ReadAllBytes(Path.Combine(BuiltC.Value, "sha1.wasm"));

    private static string BuildC()
    {
        string output = Path.Combine(Path.GetTempPath(), "oasiseth-ewasm-contracts-" + Environment.ProcessId);
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(SourceFolder, "build.sh"));
        psi.ArgumentList.Add(output);
        using Process process = Process.Start(psi)!;
        string stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"building the C contracts failed ({process.ExitCode}); clang-14 and lld-14 are needed:\n{stderr}");
        return output;
    }
}
