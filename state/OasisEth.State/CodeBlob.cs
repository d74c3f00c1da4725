using OasisEth.Primitives;

namespace OasisEth.State;

/// <summary>Code first referenced by an account in a block, stored by its keccak256.</summary>
public readonly record struct CodeBlob(Hash256 Hash, byte[] Code);
