using OasisEth.Primitives;
using static OasisEth.State.Tests.TestAddresses;

namespace OasisEth.State.Tests;

/// <summary>SLOAD/SSTORE/BALANCE-style calls must not allocate once the journal has grown to size.</summary>
public class HotPathAllocationTests
{
    private const int Iterations = 1000;

    [Test]
    public void StorageAndBalanceAccess_AllocateNothing_AfterWarmUp()
    {
        var state = StateWith(A, 1, 100, null, (1, 1), (2, 2));
        state.SetAccount(B, 0, 5, [], []);
        for (int warmUp = 0; warmUp < 3; warmUp++)
        {
            _ = Run(state); // grows the journal, touches the accounts, JITs the paths
            state.Restore(0);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        _ = Run(state);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        state.Restore(0);

        Assert.That(allocated, Is.Zero);
    }

    private static UInt256 Run(InMemoryWorldState state)
    {
        UInt256 sum = default;
        for (int i = 0; i < Iterations; i++)
        {
            UInt256 key = (ulong)(i & 1) + 1;
            UInt256 value = state.GetStorage(A, key);
            sum = state.GetOriginalStorage(A, key);
            state.SetStorage(A, key, value.IsZero ? 1UL : 0UL);
            sum = state.GetBalance(B); // alternates accounts, so the one-entry cache misses too
            state.WarmUpStorage(A, key);
            state.SetTransientStorage(A, key, sum);
        }
        return sum; // returned, not GC.KeepAlive'd: that would box it
    }
}
