namespace OasisEth.Primitives;

/// <summary>
/// Which implementation the hash and signature primitives use, process-wide. <b>Off by default</b>: every primitive
/// is fully managed, so a process that never calls <see cref="Enable"/> loads no native library. That is what the
/// ParaTime runtime needs: oasis-node's bubblewrap sandbox mounts only the executable's DT_NEEDED libraries, and
/// libsecp256k1 (Secp256k1.Net) and OpenSSL's libcrypto (.NET's SHA256 on Linux) are loaded with dlopen, so they
/// are not there. The dev node, which runs outside any sandbox, enables the native paths at start because they are
/// faster and allocate nothing (bench/OasisEth.Bench/Signatures, Primitives/Sha256Benchmarks). Both give the same
/// answers (tests/OasisEth.Transactions.Tests/ManagedNativeRecoveryTests.cs, SignerRecoveryDifferentialTests.cs and
/// the precompile tests).
/// </summary>
public static class NativeCrypto
{
    private static volatile bool s_enabled;

    /// <summary>True once <see cref="Enable"/> ran: native libsecp256k1 recovery and OpenSSL SHA-256.</summary>
    public static bool IsEnabled => s_enabled;

    /// <summary>Switches to the native implementations for the rest of the process. Call once at start, before
    /// any transaction runs (the choice never changes a result, only the speed and which libraries load).</summary>
    public static void Enable() => s_enabled = true;

    /// <summary>Back to the managed implementations (tests that compare the two).</summary>
    public static void Disable() => s_enabled = false;
}
