using OasisEth.Primitives;
using OasisEth.StateTest;

namespace OasisEth.TxTest;

/// <summary>
/// <c>oasis-eth txtest FILE|DIR [--fork NAME]</c>: one JSON line per (test, fork) entry on stdout
/// (<c>name, fork, pass, hash, sender, error</c>, then <c>intrinsicGas</c>, <c>expectedException</c>, <c>file</c>),
/// a line per unreadable file or test, then <c>N passed, N failed</c>. Exit code 0 when all passed, 1 when any
/// failed, 2 for a usage error (missing path, unknown fork).
/// </summary>
public static class TxTestCommand
{
    public const int ExitPassed = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    public static int Run(string path, string? fork, TextWriter stdout, TextWriter stderr, bool progress = false)
    {
        Fork? only = null;
        if (fork is not null)
        {
            if (!ForkNames.TryParse(fork, out Fork parsed))
            {
                stderr.WriteLine($"txtest: unknown fork \"{fork}\" (use a fixture key such as Cancun, Prague, EIP150, ConstantinopleFix)");
                return ExitUsage;
            }
            only = parsed;
        }

        List<FixturePath> files;
        try
        {
            files = FixturePath.Discover(path);
        }
        catch (FileNotFoundException)
        {
            stderr.WriteLine($"txtest: no such file or directory: {path}");
            return ExitUsage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            stderr.WriteLine($"txtest: cannot read {path}: {e.Message}");
            return ExitUsage;
        }

        var runner = new TxTestRunner(only);
        int passed = 0, failed = 0;
        RunProgress? shown = RunProgress.ForCommand("txtest", files.Count, stderr, progress);
        foreach (FixturePath file in files)
        {
            int filePassed = 0, fileFailed = 0;
            foreach (TxCaseResult result in runner.RunFile(TxTestLoader.LoadFile(file.FullPath, file.DisplayName)))
            {
                if (result.Pass) filePassed++;
                else fileFailed++;
                stdout.WriteLine(result.ToJson());
            }
            passed += filePassed;
            failed += fileFailed;
            shown?.FileDone(filePassed, fileFailed);
        }
        shown?.Finish();
        stdout.WriteLine($"{passed} passed, {failed} failed");
        stdout.Flush();
        return failed == 0 ? ExitPassed : ExitFailed;
    }
}
