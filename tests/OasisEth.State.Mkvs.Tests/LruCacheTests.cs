namespace OasisEth.State.Mkvs.Tests;

/// <summary>The bounded LRU behind the state cache, against a list model (front = most recent).</summary>
public class LruCacheTests
{
    [TestCase(1, 3, 1000L, false)]
    [TestCase(2, 50, 1000L, false)]
    [TestCase(3, 1000, 40L, true)]
    [TestCase(4, 7, 25L, true)]
    [TestCase(5, 6, 9L, true)]
    public void RandomOperationsMatchAListModel(int seed, int maxEntries, long maxWeight, bool weighted)
    {
        var random = new Random(seed);
        var cache = new LruCache<int, int>(maxEntries, maxWeight);
        var model = new List<(int Key, int Value, int Weight)>();
        for (int step = 0; step < 20000; step++)
        {
            int key = random.Next(80);
            switch (random.Next(4))
            {
                case 0:
                case 1:
                {
                    int value = random.Next();
                    int weight = weighted ? random.Next(1, 12) : 1;
                    cache.Set(key, value, weight);
                    int at = model.FindIndex(e => e.Key == key);
                    if (at >= 0) model.RemoveAt(at);
                    if (weight <= maxWeight)
                    {
                        model.Insert(0, (key, value, weight));
                        // Evict from the back, never the entry just set unless it alone is over budget.
                        while (model.Count > maxEntries || model.Sum(e => e.Weight) > maxWeight) model.RemoveAt(model.Count - 1);
                    }
                    break;
                }
                case 2:
                {
                    bool found = cache.TryGet(key, out int value);
                    int at = model.FindIndex(e => e.Key == key);
                    Assert.That(found, Is.EqualTo(at >= 0), $"step {step}: presence of {key}");
                    if (at >= 0)
                    {
                        Assert.That(value, Is.EqualTo(model[at].Value));
                        var entry = model[at];
                        model.RemoveAt(at);
                        model.Insert(0, entry);
                    }
                    break;
                }
                default:
                {
                    int at = model.FindIndex(e => e.Key == key);
                    Assert.That(cache.Remove(key), Is.EqualTo(at >= 0));
                    if (at >= 0) model.RemoveAt(at);
                    break;
                }
            }
            Assert.That(cache.Count, Is.EqualTo(model.Count), $"step {step}");
            Assert.That(cache.Weight, Is.EqualTo(model.Sum(e => (long)e.Weight)), $"step {step}");
            if (step % 5000 == 0 && step > 0)
            {
                cache.Clear();
                model.Clear();
            }
        }
    }
}
