namespace OasisEth.Evm.Tracing;

/// <summary>A compile-time switch: the interpreter loop is compiled once per flag type, so the untraced copy has no tracer checks.</summary>
public interface IFlag { static abstract bool IsActive { get; } }
public readonly struct TracingOn : IFlag { public static bool IsActive => true; }
public readonly struct TracingOff : IFlag { public static bool IsActive => false; }
