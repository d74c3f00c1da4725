using OasisEth.Primitives;

namespace OasisEth.State;

/// <summary>A storage slot's value at the end of a block; zero means the slot is deleted.</summary>
public readonly record struct StorageChange(Address Address, UInt256 Slot, UInt256 Value);
