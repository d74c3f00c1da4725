using OasisEth.Primitives;

namespace OasisEth.Store.Rocks;

/// <summary>
/// Reads the hashes of the stored nodes an encoded node refers to (its children) into
/// <paramref name="children"/> (length <see cref="NodeStore.MaxChildren"/>) and returns how many there are.
/// This is the only thing the store knows about the tree's node format: reference counts for pruning are
/// derived from it. Must not allocate (it runs once per committed and per pruned node) and must throw
/// <see cref="NodeStoreException"/> (or return -1) for bytes that are not a node.
/// </summary>
public delegate int NodeChildrenReader(ReadOnlySpan<byte> encoded, Span<Hash256> children);
