using OasisEth.Evm;
using OasisEth.Primitives;
using OasisEth.State;
using static OasisEth.Transactions.Tests.Fees.FeeTestAccounts;

namespace OasisEth.Transactions.Tests.Fees;

/// <summary>
/// The processor charges with <see cref="FeeRules"/> and applies <see cref="BlockGas"/>: a fee cap below the base fee
/// is invalid and changes nothing; at the base fee the sender pays it and the coinbase gets nothing; a tip beyond
/// the cap's room is cut; legacy prices before London are all tip; a gas limit beyond the block's is invalid.
/// </summary>
public sealed class ProcessorFeeTests
{
    private static readonly Address Recipient = Address.FromLowUlong(0xdead);
    private const ulong Transfer = 21_000;

    private static BlockContext Block(ulong baseFee, ulong gasLimit = 30_000_000) => new()
    {
        Coinbase = Coinbase, Number = 1, Timestamp = 1000, GasLimit = gasLimit, BaseFee = new UInt256(baseFee), PrevRandao = UInt256.One,
    };

    private static Transaction Dynamic(ulong maxFee, ulong tip, ulong gas = Transfer) => new()
    {
        Type = TxType.DynamicFee, MaxFeePerGas = new UInt256(maxFee), MaxPriorityFeePerGas = new UInt256(tip), GasLimit = gas,
        To = Recipient, Value = UInt256.One, Sender = Sender,
    };

    private static (TransactionResult Result, InMemoryWorldState State) Run(Fork fork, BlockContext block, Transaction tx)
    {
        InMemoryWorldState state = FundedState();
        return (new TransactionProcessor(fork).Execute(state, block, tx), state);
    }

    [Test]
    public void FeeCapBelowTheBaseFeeIsInvalidAndChangesNothing()
    {
        var (result, state) = Run(Fork.Cancun, Block(baseFee: 100), Dynamic(maxFee: 99, tip: 1));
        Assert.That(result.InvalidReason, Is.EqualTo("TransactionException.INSUFFICIENT_MAX_FEE_PER_GAS"));
        Assert.That(state.GetBalance(Sender), Is.EqualTo(Funds));
        Assert.That(state.GetNonce(Sender), Is.Zero);
    }

    [Test]
    public void FeeCapAtTheBaseFeePaysTheBaseFeeAndNoTip()
    {
        var (result, state) = Run(Fork.Cancun, Block(baseFee: 100), Dynamic(maxFee: 100, tip: 5));
        Assert.That(result.IsInvalid, Is.False, result.InvalidReason);
        Assert.That(state.GetBalance(Sender), Is.EqualTo(Funds - new UInt256(Transfer * 100) - UInt256.One));
        Assert.That(state.GetBalance(Coinbase), Is.EqualTo(UInt256.Zero));
    }

    [Test]
    public void TipBeyondTheCapsRoomIsCut()
    {
        var (_, state) = Run(Fork.Cancun, Block(baseFee: 100), Dynamic(maxFee: 130, tip: 50));
        Assert.That(state.GetBalance(Sender), Is.EqualTo(Funds - new UInt256(Transfer * 130) - UInt256.One));
        Assert.That(state.GetBalance(Coinbase), Is.EqualTo(new UInt256(Transfer * 30)));
    }

    [Test]
    public void ZeroBaseFeeChargesTheTipOnly()
    {
        var (_, state) = Run(Fork.Cancun, Block(baseFee: 0), Dynamic(maxFee: 130, tip: 50));
        Assert.That(state.GetBalance(Sender), Is.EqualTo(Funds - new UInt256(Transfer * 50) - UInt256.One));
        Assert.That(state.GetBalance(Coinbase), Is.EqualTo(new UInt256(Transfer * 50)));
    }

    [Test]
    public void LegacyPriceBelowTheBaseFeeIsInvalidFromLondonOnly()
    {
        var legacy = new Transaction { Type = TxType.Legacy, GasPrice = new UInt256(40), GasLimit = Transfer, To = Recipient, Sender = Sender };
        Assert.That(Run(Fork.London, Block(baseFee: 41), legacy).Result.InvalidReason,
            Is.EqualTo("TransactionException.INSUFFICIENT_MAX_FEE_PER_GAS"));
        // Before London a block has no base fee: whatever the context carries, the whole price is the tip.
        var (result, state) = Run(Fork.Berlin, Block(baseFee: 41), legacy);
        Assert.That(result.IsInvalid, Is.False, result.InvalidReason);
        Assert.That(state.GetBalance(Coinbase), Is.EqualTo(new UInt256(Transfer * 40)));
    }

    [Test]
    public void LegacyPriceAboveTheBaseFeeTipsTheDifference()
    {
        var legacy = new Transaction { Type = TxType.Legacy, GasPrice = new UInt256(40), GasLimit = Transfer, To = Recipient, Sender = Sender };
        var (_, state) = Run(Fork.Cancun, Block(baseFee: 25), legacy);
        Assert.That(state.GetBalance(Sender), Is.EqualTo(Funds - new UInt256(Transfer * 40)));
        Assert.That(state.GetBalance(Coinbase), Is.EqualTo(new UInt256(Transfer * 15)));
    }

    [Test]
    public void GasLimitAboveTheBlocksIsInvalid()
    {
        Assert.That(Run(Fork.Cancun, Block(baseFee: 1, gasLimit: Transfer - 1), Dynamic(maxFee: 2, tip: 1)).Result.InvalidReason,
            Is.EqualTo("TransactionException.GAS_ALLOWANCE_EXCEEDED"));
        Assert.That(Run(Fork.Cancun, Block(baseFee: 1, gasLimit: Transfer), Dynamic(maxFee: 2, tip: 1)).Result.IsInvalid, Is.False);
    }

    [Test]
    public void BlockGasFitsWhatTheBlockHasLeft()
    {
        Assert.That(BlockGas.Left(100, 30), Is.EqualTo(70UL));
        Assert.That(BlockGas.Left(100, 130), Is.Zero);
        Assert.That(BlockGas.Fits(70, 100, 30), Is.True);
        Assert.That(BlockGas.Fits(71, 100, 30), Is.False);
        Assert.That(BlockGas.Fits(0, 100, 100), Is.True);
        Assert.That(BlockGas.Fits(ulong.MaxValue, ulong.MaxValue, 0), Is.True);
        Assert.That(BlockGas.Fits(1, ulong.MaxValue, ulong.MaxValue), Is.False);
    }
}
