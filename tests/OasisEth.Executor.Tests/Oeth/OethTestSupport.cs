using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor.Tests.Oeth;

/// <summary>Entity keys, a genesis and a fresh ledger for the OETH unit tests.</summary>
internal static class OethTestSupport
{
    public const ulong ChainId = 4242;

    /// <summary>A fixed Ed25519 seed per index, so entities are the same on every run.</summary>
    public static byte[] PrivateKey(int index)
    {
        var seed = new byte[32];
        for (int i = 0; i < seed.Length; i++) seed[i] = (byte)(index * 31 + i + 1);
        return seed;
    }

    public static byte[] Entity(int index) => OethClaims.PublicKey(PrivateKey(index));

    public static Address Account(int index) => Address.FromLowUlong(0x1000_0000UL + (ulong)index);

    public static UInt256 Coins(ulong amount) => new UInt256(amount) * GenesisConfig.Oeth;

    public static GenesisConfig MakeGenesis(RewardSchedule rewards, params (Address, UInt256)[] allocations)
    {
        var list = new GenesisAllocation[allocations.Length];
        for (int i = 0; i < list.Length; i++) list[i] = new GenesisAllocation(allocations[i].Item1, allocations[i].Item2);
        return new GenesisConfig
        {
            ChainId = ChainId,
            MinGasPrice = new UInt256(7),
            InitialBaseFee = new UInt256(7),
            Rewards = rewards,
            Allocations = list,
        };
    }

    /// <summary>A state with the genesis applied.</summary>
    public static InMemoryWorldState NewState(GenesisConfig genesis)
    {
        var state = new InMemoryWorldState();
        OethLedger.ApplyGenesis(state, genesis);
        return state;
    }

    /// <summary>What a transaction's tip does under the agreed mechanism: the processor credits the coinbase,
    /// which is always the fee collector.</summary>
    public static void PayTip(IWorldState state, Address from, UInt256 tip)
    {
        state.BeginTransaction();
        state.SubtractBalance(from, tip);
        state.AddBalance(OethLedger.FeeCollector, tip);
        state.CommitTransaction(deleteTouchedEmpty: true);
    }

    /// <summary>pool + unclaimed + Σ balances of <paramref name="accounts"/> + burned.</summary>
    public static UInt256 Total(IWorldState state, IEnumerable<Address> accounts)
    {
        SupplyFigures figures = OethLedger.ReadSupply(state);
        UInt256 sum = figures.RewardPool + figures.Unclaimed + figures.Burned;
        foreach (Address a in accounts) sum += state.GetBalance(a);
        return sum;
    }

    public static byte[][] Entities(params int[] indexes)
    {
        var result = new byte[indexes.Length][];
        for (int i = 0; i < indexes.Length; i++) result[i] = Entity(indexes[i]);
        return result;
    }
}
