using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Calls;

/// <summary>Hand-assembled contracts placed at genesis for the call and estimate tests.</summary>
internal static class CallContracts
{
    public static readonly Address Setter = Address.FromLowUlong(0xc0de01);
    public static readonly Address Caller = Address.FromLowUlong(0xc0de02);
    public static readonly Address Clearer = Address.FromLowUlong(0xc0de03);
    public static readonly Address Reverter = Address.FromLowUlong(0xc0de04);

    /// <summary>SSTORE(0, 1): 22,100 gas of storage from a zero slot.</summary>
    public static readonly byte[] SetterCode = Hex.Decode("6001600055" + "00");

    /// <summary>CALL(gas(), Setter, 0, 0, 0, 0, 0); revert unless it succeeded: the EIP-150 63/64 rule decides the minimum.</summary>
    public static readonly byte[] CallerCode = Hex.Decode("60006000600060006000" + "73" + Hex.Encode(Setter.Bytes) + "5af1" + "602957" + "60006000fd" + "5b00");

    /// <summary>SSTORE(0, 0) over a stored 1: a refund, so the gas limit needed exceeds the gas used.</summary>
    public static readonly byte[] ClearerCode = Hex.Decode("6000600055" + "00");

    /// <summary>Always reverts with the 4 bytes 0xdeadbeef.</summary>
    public static readonly byte[] ReverterCode = Hex.Decode("63deadbeef" + "600052" + "6004601cfd");

    public static GenesisConfig Genesis(int accounts = 8)
    {
        GenesisConfig dev = ChainFixture.DevGenesis(accounts);
        var allocations = new List<GenesisAllocation>(dev.Allocations)
        {
            new(Setter, UInt256.Zero) { Code = SetterCode },
            new(Caller, UInt256.Zero) { Code = CallerCode },
            new(Clearer, UInt256.Zero) { Code = ClearerCode, Storage = [new(UInt256.Zero, UInt256.One)] },
            new(Reverter, UInt256.Zero) { Code = ReverterCode },
        };
        allocations.Sort((a, b) => a.Address.CompareTo(b.Address));
        return dev with { Allocations = allocations };
    }
}
