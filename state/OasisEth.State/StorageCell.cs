using System.Runtime.CompilerServices;
using OasisEth.Primitives;

namespace OasisEth.State;

/// <summary>(address, slot) as one hash key: warm-slot set and transient storage. A struct with its own
/// equality so set lookups neither box nor allocate.</summary>
internal readonly struct StorageCell : IEquatable<StorageCell>
{
    public readonly Address Address;
    public readonly UInt256 Key;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public StorageCell(in Address address, in UInt256 key)
    {
        Address = address;
        Key = key;
    }

    public bool Equals(StorageCell other) => Key.Equals(other.Key) && Address.Equals(other.Address);
    public override bool Equals(object? obj) => obj is StorageCell other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Address.GetHashCode(), Key.GetHashCode());
}
