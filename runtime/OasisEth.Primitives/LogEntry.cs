namespace OasisEth.Primitives;

/// <summary>One LOG0..LOG4 record: the emitting contract, up to four topics and the data.</summary>
public sealed record LogEntry(Address Address, Hash256[] Topics, byte[] Data);
