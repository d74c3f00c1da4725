using System.Globalization;
using System.Text;

namespace OasisEth.Tests.Shared;

/// <summary>
/// A small Ewasm contract for the chain-level tests (rounds, calls, the RHP runtime) and the init code that deploys any
/// contract: WebAssembly text compiled by Wasmtime's converter. The counter adds one to the last byte of slot 0 and
/// returns the slot (a big-endian word); called with any data it reverts with "no" instead.
/// </summary>
internal static class EwasmCounter
{
    public static readonly byte[] RevertData = "no"u8.ToArray();

    public static byte[] Code { get; } = Wasmtime.Module.ConvertText("""
        (module
          (import "ethereum" "storageLoad" (func $load (param i32 i32)))
          (import "ethereum" "storageStore" (func $store (param i32 i32)))
          (import "ethereum" "getCallDataSize" (func $size (result i32)))
          (import "ethereum" "finish" (func $finish (param i32 i32)))
          (import "ethereum" "revert" (func $revert (param i32 i32)))
          (memory 1)
          (export "memory" (memory 0))
          (export "main" (func $main))
          (data (i32.const 100) "no")
          (func $main
            (if (call $size) (then (call $revert (i32.const 100) (i32.const 2))))
            (call $load (i32.const 0) (i32.const 32))
            (i32.store8 (i32.const 63) (i32.add (i32.load8_u (i32.const 63)) (i32.const 1)))
            (call $store (i32.const 0) (i32.const 32))
            (call $finish (i32.const 32) (i32.const 32))))
        """).ToArray();

    /// <summary>Init code for <paramref name="runtime"/>: a module holding it in a data segment whose main finishes
    /// with it (what a creation returns becomes the contract's code).</summary>
    public static byte[] DeployCode(byte[] runtime)
    {
        var escaped = new StringBuilder(runtime.Length * 3);
        foreach (byte b in runtime) escaped.Append('\\').Append(b.ToString("x2", CultureInfo.InvariantCulture));
        return Wasmtime.Module.ConvertText($$"""
            (module
              (import "ethereum" "finish" (func $finish (param i32 i32)))
              (memory 1)
              (export "memory" (memory 0))
              (export "main" (func $main))
              (data (i32.const 0) "{{escaped}}")
              (func $main (call $finish (i32.const 0) (i32.const {{runtime.Length}}))))
            """).ToArray();
    }
}
