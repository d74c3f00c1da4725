namespace OasisEth.Rpc.Tests;

/// <summary>Filter bookkeeping: expiry of idle filters, the filter cap, revert clamping, pending queues.</summary>
[TestFixture]
public sealed class FilterStoreTests
{
    private DateTime _now = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private FilterStore Store(int max = 10) =>
        new(new RpcLimits { MaxFilters = max, FilterTimeout = TimeSpan.FromMinutes(5) }, () => _now);

    [Test]
    public void Idle_filters_expire_and_polled_ones_stay()
    {
        FilterStore store = Store();
        string idle = store.Add(new FilterStore.Filter(FilterStore.Kind.Blocks, 0));
        string busy = store.Add(new FilterStore.Filter(FilterStore.Kind.Blocks, 0));
        _now += TimeSpan.FromMinutes(4);
        Assert.That(store.TryUse(busy, _ => { }), Is.True);
        _now += TimeSpan.FromMinutes(2);
        Assert.That(store.TryUse(idle, _ => { }), Is.False);
        Assert.That(store.TryUse(busy, _ => { }), Is.True);
    }

    [Test]
    public void The_filter_cap_is_a_limit_error()
    {
        FilterStore store = Store(max: 2);
        store.Add(new FilterStore.Filter(FilterStore.Kind.Blocks, 0));
        store.Add(new FilterStore.Filter(FilterStore.Kind.Blocks, 0));
        RpcException e = Assert.Throws<RpcException>(() => store.Add(new FilterStore.Filter(FilterStore.Kind.Blocks, 0)))!;
        Assert.That(e.Code, Is.EqualTo(-32005));
    }

    [Test]
    public void Revert_pulls_filters_back_and_pending_hashes_queue_per_filter()
    {
        FilterStore store = Store();
        string blocks = store.Add(new FilterStore.Filter(FilterStore.Kind.Blocks, 9));
        string pending = store.Add(new FilterStore.Filter(FilterStore.Kind.PendingTransactions, 9));
        store.OnRevert(4);
        ulong last = 0;
        store.TryUse(blocks, f => last = f.LastBlock);
        Assert.That(last, Is.EqualTo(4UL));
        store.OnPendingTransaction(Hash256.EmptyCode);
        int queued = 0;
        store.TryUse(pending, f => queued = f.Pending.Count);
        Assert.That(queued, Is.EqualTo(1));
        Assert.That(store.TryUse(pending.ToUpperInvariant().Replace("0X", "0x"), _ => { }), Is.True, "ids match case-insensitively");
    }
}
