using OasisEth.Transactions;

namespace OasisEth.Rpc.Tests;

/// <summary>The dev pool on its own: ordering, gaps, gas limit, replacement, stale removal.</summary>
[TestFixture]
public sealed class TxPoolTests
{
    private static Transaction Tx(int sender, ulong nonce, ulong gas = 21_000, ulong fee = 2_000_000_000, ulong tip = 1_000_000_000)
    {
        byte[] raw = TestNode.Sign(sender, nonce, Address.Zero, UInt256.One, gas: gas, maxFee: fee, tip: tip);
        Assert.That(TransactionDecoder.TryDecode(raw, Fork.Prague, TestNode.ChainId, out Transaction? tx, out string? error), Is.True, error);
        return tx!;
    }

    private static string? Add(TxPool pool, Transaction tx) => pool.Add(tx, TransactionEncoder.Encode(tx), out _, out _);

    [Test]
    public void Selection_is_per_sender_nonce_order_merged_by_arrival_and_stops_at_gaps()
    {
        var pool = new TxPool(100);
        Assert.That(Add(pool, Tx(0, 1)), Is.Null);
        Assert.That(Add(pool, Tx(1, 0)), Is.Null);
        Assert.That(Add(pool, Tx(0, 0)), Is.Null);
        Assert.That(Add(pool, Tx(0, 3)), Is.Null); // gap at 2
        Assert.That(Add(pool, Tx(1, 1)), Is.Null);
        List<PoolTransaction> batch = pool.SelectExecutable(_ => 0, 30_000_000);
        string order = string.Join(",", batch.Select(t => $"{(t.Sender == Keys.Address(0) ? "a" : "b")}{t.Nonce}"));
        // b0 arrived before a0; a0 unlocks a1 (which arrived first of all, so it goes next); then b1.
        Assert.That(order, Is.EqualTo("b0,a0,a1,b1"));
        Assert.That(batch.Any(t => t.Nonce == 3), Is.False, "a nonce after a gap waits");
        Assert.That(pool.PendingNonce(Keys.Address(0), 0), Is.EqualTo(2UL));
        Assert.That(pool.PendingNonce(Keys.Address(1), 0), Is.EqualTo(2UL));
        Assert.That(pool.PendingNonce(Keys.Address(2), 5), Is.EqualTo(5UL));
    }

    [Test]
    public void Selection_respects_the_block_gas_limit_and_keeps_nonce_order()
    {
        var pool = new TxPool(100);
        Add(pool, Tx(0, 0, gas: 50_000));
        Add(pool, Tx(0, 1, gas: 50_000));
        Add(pool, Tx(1, 0, gas: 21_000));
        List<PoolTransaction> batch = pool.SelectExecutable(_ => 0, 80_000);
        Assert.That(batch.Select(t => (t.Sender, t.Nonce)), Is.EqualTo(new[] { (Keys.Address(0), 0UL), (Keys.Address(1), 0UL) }));
    }

    [Test]
    public void State_nonce_skips_mined_ones_and_stale_ones_are_removed()
    {
        var pool = new TxPool(100);
        Add(pool, Tx(0, 0));
        Add(pool, Tx(0, 1));
        Add(pool, Tx(0, 2));
        Assert.That(pool.SelectExecutable(_ => 1, 30_000_000).Select(t => t.Nonce), Is.EqualTo(new[] { 1UL, 2UL }));
        List<PoolTransaction> stale = pool.RemoveStale(_ => 2);
        Assert.That(stale.Select(t => t.Nonce), Is.EqualTo(new[] { 0UL, 1UL }));
        Assert.That(pool.Count, Is.EqualTo(1));
    }

    [Test]
    public void Add_hands_back_its_entry_which_stays_usable_after_a_round_took_it_from_the_pool()
    {
        // Under automine a round on another thread can take the transaction before its sender looks it up again.
        var pool = new TxPool(100);
        Transaction tx = Tx(0, 0);
        Assert.That(pool.Add(tx, TransactionEncoder.Encode(tx), out PoolTransaction? added, out PoolTransaction? replaced), Is.Null);
        Assert.That(replaced, Is.Null);
        pool.Remove(tx.Hash);
        Assert.That(pool.Get(tx.Hash), Is.Null);
        Assert.That(added!.Hash, Is.EqualTo(tx.Hash));
        Assert.That(pool.Add(tx, TransactionEncoder.Encode(tx), out PoolTransaction? again, out _), Is.Null);
        Assert.That(again, Is.Not.SameAs(added));
        Assert.That(pool.Add(tx, TransactionEncoder.Encode(tx), out PoolTransaction? known, out _), Is.EqualTo("already known"));
        Assert.That(known, Is.Null);
    }

    [Test]
    public void Replacement_needs_a_higher_cap_and_no_lower_tip()
    {
        var pool = new TxPool(100);
        Transaction original = Tx(0, 0, fee: 2_000_000_000, tip: 1_000_000_000);
        Assert.That(Add(pool, original), Is.Null);
        Assert.That(Add(pool, original), Is.EqualTo("already known"));
        Assert.That(Add(pool, Tx(0, 0, fee: 2_000_000_000, tip: 1_500_000_000)), Is.EqualTo("replacement transaction underpriced"));
        Assert.That(Add(pool, Tx(0, 0, fee: 3_000_000_000, tip: 500_000_000)), Is.EqualTo("replacement transaction underpriced"));
        Transaction better = Tx(0, 0, fee: 3_000_000_000, tip: 1_000_000_000);
        Assert.That(pool.Add(better, TransactionEncoder.Encode(better), out _, out PoolTransaction? replaced), Is.Null);
        Assert.That(replaced!.Hash, Is.EqualTo(original.Hash));
        Assert.That(pool.Get(original.Hash), Is.Null);
        Assert.That(pool.Get(better.Hash), Is.Not.Null);
        Assert.That(pool.Count, Is.EqualTo(1));
    }

    [Test]
    public void A_full_pool_refuses_new_transactions_but_takes_replacements()
    {
        var pool = new TxPool(2);
        Add(pool, Tx(0, 0));
        Add(pool, Tx(1, 0));
        Assert.That(Add(pool, Tx(2, 0)), Is.EqualTo("txpool is full"));
        Assert.That(Add(pool, Tx(0, 1)), Is.EqualTo("txpool is full"));
        Assert.That(Add(pool, Tx(0, 0, fee: 5_000_000_000)), Is.Null);
    }
}
