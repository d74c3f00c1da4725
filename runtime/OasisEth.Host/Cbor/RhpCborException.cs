namespace OasisEth.Host.Cbor;

/// <summary>A frame or value that does not decode as the RHP type expected (malformed CBOR, wrong item type, bad length).</summary>
public sealed class RhpCborException(string message, Exception? inner = null) : Exception(message, inner);
