namespace OasisEth.Rpc.Tests;

/// <summary>Response buffers share one node-wide budget, so many large answers at once cannot add up without bound.</summary>
public sealed class ResponseBudgetTests
{
    private static void Write(CappedBufferWriter w, int bytes)
    {
        Span<byte> span = w.GetSpan(bytes);
        span[..bytes].Fill(1);
        w.Advance(bytes);
    }

    [Test]
    public void A_buffer_that_needs_more_than_the_budget_left_is_refused_as_busy_until_another_is_released()
    {
        var budget = new ResponseBudget(200_000);
        var first = new CappedBufferWriter(1_000_000, budget);
        Write(first, 150_000);
        using (var second = new CappedBufferWriter(1_000_000, budget))
        {
            ResponseTooLargeException e = Assert.Throws<ResponseTooLargeException>(() => Write(second, 100_000))!;
            Assert.That(e.Busy, Is.True);
        }
        first.Dispose();
        using var third = new CappedBufferWriter(1_000_000, budget);
        Write(third, 150_000);
        Assert.That(third.WrittenCount, Is.EqualTo(150_000));
    }

    [Test]
    public void A_buffer_past_its_own_cap_is_too_large_not_busy()
    {
        using var w = new CappedBufferWriter(100_000, new ResponseBudget(10_000_000));
        ResponseTooLargeException e = Assert.Throws<ResponseTooLargeException>(() => Write(w, 150_000))!;
        Assert.That(e.Busy, Is.False);
    }
}
