namespace K2.Lakehouse.Caching;

/// <summary>
/// What one <see cref="BoundedCache{TKey,TValue}"/> did since the process started (lookups that hit or missed, entries
/// evicted to make room) and what it holds now. <see cref="Weight"/> and <see cref="Capacity"/> are in the cache's own
/// unit (rows, bars, files or entries; see docs/lakehouse.md, "Caches and their metrics").
/// </summary>
public readonly record struct CacheStatistics(long Hits, long Misses, long Evictions, int Entries, long Weight, long Capacity);
