using OasisEth.Evm.Tracing;

namespace OasisEth.Evm;

/// <summary>The loop checks stack and static gas once per block (<see cref="CodeAnalysis.BlockChecks"/>): the untraced
/// fast path.</summary>
internal readonly struct PerBlockChecks : IFlag { public static bool IsActive => true; }

/// <summary>The loop checks every instruction: traced runs, and the rest of a frame whose block check failed (it fails
/// exactly where and how it would).</summary>
internal readonly struct PerInstructionChecks : IFlag { public static bool IsActive => false; }
