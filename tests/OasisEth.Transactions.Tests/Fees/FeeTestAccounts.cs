using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Transactions.Tests.Fees;

/// <summary>The accounts of the processor-level fee tests: a funded sender on a fresh in-memory state, and the
/// block's coinbase.</summary>
internal static class FeeTestAccounts
{
    public static readonly Address Sender = Address.Parse("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b");
    public static readonly Address Coinbase = Address.Parse("0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba");
    public static readonly UInt256 Funds = UInt256.Parse("1000000000000000000");

    public static InMemoryWorldState FundedState()
    {
        var state = new InMemoryWorldState();
        state.SetAccount(Sender, 0, Funds, [], []);
        return state;
    }
}
