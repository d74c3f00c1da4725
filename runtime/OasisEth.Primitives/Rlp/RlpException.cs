namespace OasisEth.Primitives.Rlp;

/// <summary>Malformed or non-canonical RLP. Thrown only by <see cref="RlpReader"/>, never by the encoder.</summary>
public sealed class RlpException : Exception
{
    public RlpException(string message) : base(message) { }
}
