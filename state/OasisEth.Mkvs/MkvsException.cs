namespace OasisEth.Mkvs;

/// <summary>A node could not be loaded (missing, malformed or not matching its hash), or the tree was misused.</summary>
public sealed class MkvsException(string message) : Exception(message);
