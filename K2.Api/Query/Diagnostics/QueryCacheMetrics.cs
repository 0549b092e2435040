using System.Diagnostics.Metrics;
using K2.Lakehouse.Caching;
using K2.ServiceDefaults.Telemetry;

namespace K2.Api.Query.Diagnostics;

/// <summary>
/// The cold path's in-memory caches (table metadata, manifests, bar sidecar presence and bars, cold tails) as
/// observable instruments on the API's meter (<see cref="K2Instruments.ApiMeter"/>), tagged <c>cache</c>: a hit ratio that falls or evictions
/// that climb say a <c>K2:Lakehouse:ScanCache</c> or <c>K2:Query:ColdTail</c> bound is too small for the load, which
/// shows as query latency long before anything fails. Hosted only so the instruments exist from start.
/// </summary>
public sealed class QueryCacheMetrics : IHostedService
{
    private const string CacheTag = "cache";

    private readonly ICacheStatisticsSource[] _sources;

    public QueryCacheMetrics(IMeterFactory meterFactory, IEnumerable<ICacheStatisticsSource> sources)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _sources = [.. sources];
        var meter = meterFactory.Create(K2Instruments.ApiMeter);
        meter.CreateObservableCounter("k2.api.query_cache.hits", () => Observe(s => s.Hits), "{lookup}", "Cache lookups answered from memory, by cache.");
        meter.CreateObservableCounter("k2.api.query_cache.misses", () => Observe(s => s.Misses), "{lookup}", "Cache lookups that had to read storage or DuckDB, by cache.");
        meter.CreateObservableCounter("k2.api.query_cache.evictions", () => Observe(s => s.Evictions), "{entry}", "Entries evicted to make room (least recently used first), by cache.");
        meter.CreateObservableGauge("k2.api.query_cache.weight", () => Observe(s => s.Weight), null, "What a cache holds now, in its own unit (rows, bars, files or entries).");
        meter.CreateObservableGauge("k2.api.query_cache.capacity", () => Observe(s => s.Capacity), null, "A cache's bound, in the unit of k2.api.query_cache.weight.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<long>> Observe(Func<CacheStatistics, long> value) =>
        _sources.SelectMany(source => source.ReadCacheStatistics())
            .Select(cache => new Measurement<long>(value(cache.Statistics), new KeyValuePair<string, object?>(CacheTag, cache.Cache)));
}
