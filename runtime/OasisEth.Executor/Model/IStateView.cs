using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>Read-only account state after one block.</summary>
public interface IStateView
{
    ulong BlockNumber { get; }
    UInt256 GetBalance(Address address);
    ulong GetNonce(Address address);
    byte[] GetCode(Address address);
    UInt256 GetStorage(Address address, UInt256 slot);
}
