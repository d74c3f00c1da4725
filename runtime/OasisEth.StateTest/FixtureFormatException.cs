namespace OasisEth.StateTest;

/// <summary>A fixture field is missing or malformed. The loader turns it into an error result for that test or file.</summary>
public sealed class FixtureFormatException(string message) : Exception(message);
