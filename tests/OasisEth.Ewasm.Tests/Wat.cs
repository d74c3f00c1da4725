namespace OasisEth.Ewasm.Tests;

/// <summary>WebAssembly text compiled to a binary by Wasmtime's own converter (the test sources stay readable).</summary>
internal static class Wat
{
    public static byte[] Compile(string text) => Wasmtime.Module.ConvertText(text).ToArray();

    /// <summary>A valid contract around <paramref name="body"/> (the contents of main) and extra module fields.</summary>
    public static byte[] Contract(string body = "", string fields = "") => Compile($$"""
        (module
          (import "ethereum" "finish" (func $finish (param i32 i32)))
          (memory 1)
          (export "memory" (memory 0))
          (export "main" (func $main))
          {{fields}}
          (func $main {{body}}))
        """);
}
