using OasisEth.Primitives;

namespace OasisEth.State;

/// <summary>A storage slot's value now and at the start of the transaction (EIP-2200 "original").</summary>
internal struct StorageSlot
{
    public UInt256 Current;
    public UInt256 Original;

    public StorageSlot(in UInt256 current, in UInt256 original)
    {
        Current = current;
        Original = original;
    }
}
