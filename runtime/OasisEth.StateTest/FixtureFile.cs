namespace OasisEth.StateTest;

/// <summary>What <see cref="FixtureLoader"/> read from one file: the tests it could parse, and an error for each
/// test (or for the whole file) it could not. A bad test never hides the good ones beside it.</summary>
public sealed class FixtureFile
{
    /// <summary>The file path relative to the root the caller named (used in case ids).</summary>
    public required string File { get; init; }
    public List<StateTestFixture> Tests { get; } = [];
    /// <summary>Tests that could not be parsed: (test name, error).</summary>
    public List<KeyValuePair<string, string>> TestErrors { get; } = [];
    /// <summary>Set when the file itself could not be read or is not a JSON object of tests.</summary>
    public string? FileError { get; set; }
}
