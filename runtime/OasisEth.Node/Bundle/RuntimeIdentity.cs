using OasisEth.ParaTime;

namespace OasisEth.Node.Bundle;

/// <summary>
/// What oasis-node knows the runtime by: its version (bundle manifest, registry deployment and the runtime's own
/// <c>RuntimeInfoResponse.runtime_version</c> must all agree, spec §12.3) and its default runtime ids.
/// </summary>
public static class RuntimeIdentity
{
    /// <summary>The one runtime version: the bundle's RONL component carries it and the runtime reports it.</summary>
    public static readonly (ushort Major, ushort Minor, ushort Patch) RuntimeVersion =
        (ParaTimeRuntime.Version.Major, ParaTimeRuntime.Version.Minor, ParaTimeRuntime.Version.Patch);

    /// <summary>The ELF's name inside the bundle (files sit flat at the bundle's top level).</summary>
    public const string ExecutableName = "oasis-eth";

    /// <summary>The genesis file the bundle carries, digest-checked like every other file.</summary>
    public const string GenesisFileName = "genesis.json";

    /// <summary>Wasmtime's native library in the bundle (from the Wasmtime package's runtimes/linux-x64/native), beside
    /// the executable for operators and <c>--verify</c>; the executable carries the same bytes (<see cref="LibraryTrailer"/>).</summary>
    public const string WasmtimeFileName = "libwasmtime.so";

    /// <summary>
    /// Default id for bundles of the network genesis: flags word 0 (not a test runtime, not a key manager), the
    /// last 8 bytes ASCII "OasisEth". A real deployment registers its own id (derived by the registry from the
    /// entity and a nonce) and passes it with <c>--runtime-id</c>.
    /// </summary>
    public const string DefaultNetworkRuntimeId = "0000000000000000000000000000000000000000000000004f61736973457468";

    /// <summary>Default id for <c>--genesis dev</c> bundles: bit 63 of the flags word set (a test runtime,
    /// refused by networks that do not allow test runtimes), then the same "OasisEth" tail.</summary>
    public const string DefaultTestRuntimeId = "8000000000000000000000000000000000000000000000004f61736973457468";
}
