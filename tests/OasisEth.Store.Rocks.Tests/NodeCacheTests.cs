using NUnit.Framework;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Store.Rocks.Tests;

[TestFixture]
public sealed class NodeCacheTests
{
    private static Hash256 Key(int i) => Sha512_256.Hash(BitConverter.GetBytes(i));

    [Test]
    public void EvictsLeastRecentlyUsedFirstAndStaysWithinItsByteBound()
    {
        // Each entry costs 100 value bytes + 96 overhead = 196: 1000 bytes hold five.
        var cache = new NodeCache(1000);
        for (int i = 0; i < 5; i++) cache.Set(Key(i), new byte[100]);
        Assert.That(cache.Count, Is.EqualTo(5));
        Assert.That(cache.TryGet(Key(0), out _), Is.True); // 0 becomes most recent; 1 is now the oldest
        cache.Set(Key(5), new byte[100]);
        Assert.That(cache.TryGet(Key(1), out _), Is.False);
        Assert.That(cache.TryGet(Key(0), out _), Is.True);
        Assert.That(cache.TryGet(Key(5), out _), Is.True);
        Assert.That(cache.Bytes, Is.LessThanOrEqualTo(1000));
        for (int i = 10; i < 100; i++) cache.Set(Key(i), new byte[i]);
        Assert.That(cache.Bytes, Is.LessThanOrEqualTo(1000));
        Assert.That(cache.TryGet(Key(99), out var last), Is.True);
        Assert.That(last!.Length, Is.EqualTo(99));
    }

    [Test]
    public void RemoveAndOversizedValues()
    {
        var cache = new NodeCache(1000);
        cache.Set(Key(1), [1, 2, 3]);
        cache.Remove(Key(1));
        Assert.That(cache.TryGet(Key(1), out _), Is.False);
        Assert.That(cache.Bytes, Is.Zero);
        cache.Set(Key(2), new byte[400]); // over a quarter of the cache: not kept
        Assert.That(cache.TryGet(Key(2), out _), Is.False);
        // Slots freed by removal are reused without growing past the bound.
        for (int round = 0; round < 50; round++)
        {
            for (int i = 0; i < 4; i++) cache.Set(Key(round * 4 + i), new byte[50]);
            for (int i = 0; i < 4; i++) cache.Remove(Key(round * 4 + i));
        }
        Assert.That(cache.Count, Is.Zero);
        Assert.That(cache.Bytes, Is.Zero);
    }
}
