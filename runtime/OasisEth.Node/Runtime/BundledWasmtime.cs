using System.Reflection;
using System.Runtime.InteropServices;
using OasisEth.Node.Bundle;

namespace OasisEth.Node.Runtime;

/// <summary>
/// Finds Wasmtime's native library for the runtime: beside the executable as usual (a build output, a publish
/// folder, an unpacked bundle), else the copy the bundled executable carries (<see cref="LibraryTrailer"/>). In
/// oasis-node's sandbox nothing of the bundle but the executable is mounted and only <c>/tmp</c> is writable, so that
/// copy is written to a file there, loaded, and the file removed again (the mapping stays).
/// </summary>
public static class BundledWasmtime
{
    private const string LibraryName = "wasmtime";
    private static int s_registered;

    /// <summary>Installs the resolver for Wasmtime's binding; call before anything runs a wasm engine.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) != 0) return;
        NativeLibrary.SetDllImportResolver(typeof(Wasmtime.Engine).Assembly, Resolve);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != LibraryName) return IntPtr.Zero;
        if (NativeLibrary.TryLoad(name, assembly, searchPath, out IntPtr handle)) return handle;
        return TryLoadCarried(out handle) ? handle : IntPtr.Zero; // zero: the binding's DllNotFoundException follows
    }

    /// <summary>The library out of the running executable (<c>/entrypoint</c> in the sandbox, which has no /proc).</summary>
    private static bool TryLoadCarried(out IntPtr handle)
    {
        handle = IntPtr.Zero;
        foreach (string? executable in new[] { GenesisTrailer.SandboxExecutablePath, Environment.ProcessPath })
            if (!string.IsNullOrEmpty(executable) && TryLoadFrom(executable, out handle)) return true;
        return false;
    }

    /// <summary>Loads the library <paramref name="executable"/> carries, through a file in the temp folder that is
    /// removed once loaded; false when the file carries none or it cannot be written or loaded.</summary>
    public static bool TryLoadFrom(string executable, out IntPtr handle)
    {
        handle = IntPtr.Zero;
        if (!File.Exists(executable)) return false;
        // A name of its own per load: another runtime may be doing the same in a shared /tmp.
        string file = Path.Combine(Path.GetTempPath(), $"oasis-eth-{Environment.ProcessId}-{Guid.NewGuid():N}-libwasmtime.so");
        try
        {
            bool carried;
            using (var output = new FileStream(file, FileMode.CreateNew, FileAccess.Write))
                carried = LibraryTrailer.TryCopyFromFile(executable, output);
            return carried && NativeLibrary.TryLoad(file, out handle);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not readable, or no room in /tmp: the binding then reports the library missing.
            return false;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
