using System.Diagnostics;
using System.Globalization;

namespace OasisEth.StateTest;

/// <summary>
/// Progress of a long conformance run on stderr (statetest, txtest): files done of all, cases, passed and failed so
/// far, elapsed time. At most one update per <see cref="Interval"/> (and one at the end), so a terminal shows a live
/// line and a log given --progress stays small. On a terminal the line is rewritten in place (carriage return);
/// elsewhere each update is its own line. Stdout, the JSON lines, is never touched.
/// </summary>
public sealed class RunProgress
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly string _command;
    private readonly int _files;
    private readonly TextWriter _output;
    private readonly bool _inPlace;
    private readonly Func<TimeSpan> _elapsed;
    private TimeSpan _lastShown;
    private int _filesDone;
    private long _passed, _failed;
    private int _lastLength;

    /// <param name="elapsed">Time since the run started (tests give their own clock).</param>
    public RunProgress(string command, int files, TextWriter output, bool inPlace, Func<TimeSpan>? elapsed = null)
    {
        _command = command;
        _files = files;
        _output = output;
        _inPlace = inPlace;
        if (elapsed is null)
        {
            var watch = Stopwatch.StartNew();
            elapsed = () => watch.Elapsed;
        }
        _elapsed = elapsed;
    }

    /// <summary>The reporter a command uses: on stderr when it is a terminal or <paramref name="forced"/> (--progress),
    /// else none.</summary>
    public static RunProgress? ForCommand(string command, int files, TextWriter stderr, bool forced)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        bool terminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        return forced || terminal ? new RunProgress(command, files, stderr, inPlace: terminal) : null;
    }

    /// <summary>A file finished with these cases; shows the totals when the last update is an interval old.</summary>
    public void FileDone(int passed, int failed)
    {
        _filesDone++;
        _passed += passed;
        _failed += failed;
        TimeSpan now = _elapsed();
        if (now - _lastShown < Interval) return;
        _lastShown = now;
        Show(now, final: false);
    }

    /// <summary>The closing update (always shown).</summary>
    public void Finish() => Show(_elapsed(), final: true);

    private void Show(TimeSpan elapsed, bool final)
    {
        string line = string.Create(CultureInfo.InvariantCulture,
            $"{_command}: {_filesDone}/{_files} files, {_passed + _failed} cases ({_passed} passed, {_failed} failed), {elapsed.TotalSeconds:0.0} s");
        if (_inPlace)
        {
            // Pad over a longer previous line; the last update ends the line.
            _output.Write('\r' + line.PadRight(_lastLength) + (final ? "\n" : ""));
            _lastLength = line.Length;
        }
        else
        {
            _output.WriteLine(line);
        }
        _output.Flush();
    }
}
