using K2.Lakehouse.Caching;

namespace K2.Lakehouse.Tests.Caching;

public sealed class BoundedCacheTests
{
    [Fact]
    public void Adding_beyond_the_capacity_evicts_the_least_recently_used_entries_first()
    {
        var cache = new BoundedCache<string, int>(capacity: 10);
        cache.Set("a", 1, weight: 4);
        cache.Set("b", 2, weight: 4);
        Assert.True(cache.TryGet("a", out _)); // "b" is now the least recently used

        cache.Set("c", 3, weight: 4);

        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("a", out var a));
        Assert.Equal(1, a);
        Assert.True(cache.TryGet("c", out var c));
        Assert.Equal(3, c);
        Assert.Equal(8, cache.Weight);
    }

    [Fact]
    public void An_entry_heavier_than_the_capacity_is_not_kept_and_evicts_nothing()
    {
        var cache = new BoundedCache<string, int>(capacity: 10);
        cache.Set("small", 1, weight: 3);

        cache.Set("huge", 2, weight: 11);

        Assert.False(cache.TryGet("huge", out _));
        Assert.True(cache.TryGet("small", out _));
        Assert.Equal(3, cache.Weight);
    }

    [Fact]
    public void Statistics_count_hits_misses_and_evictions_and_show_what_is_held()
    {
        var cache = new BoundedCache<string, int>(capacity: 10);
        cache.Set("a", 1, weight: 4);
        cache.Set("b", 2, weight: 4);
        Assert.True(cache.TryGet("a", out _));
        Assert.False(cache.TryGet("z", out _));

        cache.Set("c", 3, weight: 7); // evicts "b" (least recently used), then "a"
        Assert.False(cache.TryGet("a", out _));

        Assert.Equal(new CacheStatistics(Hits: 1, Misses: 2, Evictions: 2, Entries: 1, Weight: 7, Capacity: 10), cache.Statistics);
    }

    [Fact]
    public void Replacing_an_entry_is_not_an_eviction()
    {
        var cache = new BoundedCache<string, int>(capacity: 10);
        cache.Set("a", 1, weight: 4);

        cache.Set("a", 2, weight: 5);

        Assert.Equal(new CacheStatistics(Hits: 0, Misses: 0, Evictions: 0, Entries: 1, Weight: 5, Capacity: 10), cache.Statistics);
    }

    [Fact]
    public void Capacity_zero_keeps_nothing()
    {
        var cache = new BoundedCache<string, int>(capacity: 0);

        cache.Set("a", 1, weight: 1);

        Assert.False(cache.TryGet("a", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task A_loaded_value_is_kept_and_not_loaded_again()
    {
        var cache = new BoundedCache<string, string>(capacity: 5);
        var loads = 0;
        Task<string> Load()
        {
            loads++;
            return Task.FromResult("value");
        }

        var first = await cache.GetOrLoadAsync("key", Load, _ => 1);
        var second = await cache.GetOrLoadAsync("key", Load, _ => 1);

        Assert.Equal("value", first);
        Assert.Same(first, second);
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task Many_threads_adding_never_push_the_weight_past_the_capacity()
    {
        var cache = new BoundedCache<int, int>(capacity: 50);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                cache.Set((worker * 10_000) + i, i, weight: 1 + (i % 7));
                Assert.InRange(cache.Weight, 0, 50);
            }
        })));

        Assert.InRange(cache.Weight, 1, 50);
    }
}
