using OasisEth.Evm.Compiler;
using OasisEth.Primitives;

namespace OasisEth.StateTest;

/// <summary>
/// <c>oasis-eth statetest FILE|DIR [--fork NAME] [--trace] [--filter SUBSTRING] [--state inmemory|mkvs|rocks]
/// [--evm-tier interpreter|compiled|auto]</c>: one JSON
/// line per case on stdout, in file order, then <c>N passed, N failed</c>. Exit code 0 when all passed, 1 when any
/// failed, 2 for a usage error (missing path, unknown fork, unknown state backend).
/// </summary>
public static class StateTestCommand
{
    public const int ExitPassed = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    public static int Run(string path, string? forkName, bool trace, string? filter, TextWriter stdout, TextWriter stderr,
        string? stateName = null, bool progress = false, string? tierName = null)
    {
        EvmTier tier = EvmTier.Interpreter;
        if (tierName is not null && !EvmTierNames.TryParse(tierName, out tier))
        {
            stderr.WriteLine($"statetest: unknown EVM tier \"{tierName}\" (use interpreter, compiled or auto)");
            return ExitUsage;
        }

        StateBackend backend = StateBackend.InMemory;
        if (stateName is not null && !TryParseBackend(stateName, out backend))
        {
            stderr.WriteLine($"statetest: unknown state backend \"{stateName}\" (use inmemory, mkvs or rocks)");
            return ExitUsage;
        }

        Func<Fork, bool>? forkFilter = null;
        if (forkName is not null)
        {
            if (!ForkNames.TryParse(forkName, out Fork only))
            {
                stderr.WriteLine($"statetest: unknown fork \"{forkName}\" (use a fixture key such as Cancun, Prague, EIP150, ConstantinopleFix)");
                return ExitUsage;
            }
            forkFilter = f => f == only;
        }

        List<FixturePath> files;
        try
        {
            files = FixturePath.Discover(path);
        }
        catch (FileNotFoundException)
        {
            stderr.WriteLine($"statetest: no such file or directory: {path}");
            return ExitUsage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"statetest: cannot read {path}: {e.Message}");
            return ExitUsage;
        }

        using var runner = new StateTestRunner(new StateTestOptions
        {
            ForkFilter = forkFilter,
            Filter = string.IsNullOrEmpty(filter) ? null : filter,
            TraceOutput = trace ? stderr : null,
            Backend = backend,
            Tier = tier,
        });
        int passed = 0, failed = 0;
        // Not while tracing: the trace owns stderr.
        RunProgress? shown = trace ? null : RunProgress.ForCommand("statetest", files.Count, stderr, progress);
        runner.RunFiles(files, results =>
        {
            int filePassed = 0, fileFailed = 0;
            foreach (CaseResult r in results)
            {
                if (r.Pass) filePassed++;
                else fileFailed++;
                stdout.WriteLine(r.ToJson());
            }
            passed += filePassed;
            failed += fileFailed;
            stdout.Flush(); // one flush per file: progress shows up without paying for a flush per line
            shown?.FileDone(filePassed, fileFailed);
        });
        shown?.Finish();
        stdout.WriteLine($"{passed} passed, {failed} failed");
        stdout.Flush();
        return failed == 0 ? ExitPassed : ExitFailed;
    }

    /// <summary>The <c>--state</c> names: <c>inmemory</c> (the default; also <c>memory</c>), <c>mkvs</c> and <c>rocks</c>, any case.</summary>
    public static bool TryParseBackend(string name, out StateBackend backend)
    {
        if (name.Equals("inmemory", StringComparison.OrdinalIgnoreCase) || name.Equals("memory", StringComparison.OrdinalIgnoreCase))
            backend = StateBackend.InMemory;
        else if (name.Equals("mkvs", StringComparison.OrdinalIgnoreCase)) backend = StateBackend.Mkvs;
        else if (name.Equals("rocks", StringComparison.OrdinalIgnoreCase)) backend = StateBackend.Rocks;
        else
        {
            backend = default;
            return false;
        }
        return true;
    }
}
