using System.Diagnostics.Metrics;
using K2.Api.Tests.Infrastructure;
using K2.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace K2.Api.Tests;

/// <summary>
/// The running API reports its cold-path caches as <c>k2.api.query_cache.*</c> instruments: every cache it keeps is
/// there under its name, and a latest page read twice shows as one tail miss, then one tail hit.
/// </summary>
public sealed class QueryCacheMetricsApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly string[] Caches =
        ["bar_sidecar_presence", "cold_tail_quotes", "cold_tail_trades", "manifest_lists", "manifests", "sidecar_bars", "table_metadata"];

    [Fact]
    public void Every_cache_is_reported_with_its_bound()
    {
        var capacities = Observe("k2.api.query_cache.capacity");

        Assert.Equal(Caches, capacities.Keys.Order(StringComparer.Ordinal));
        Assert.All(capacities.Values, capacity => Assert.True(capacity > 0, "a default bound keeps something"));
    }

    [Fact]
    public async Task A_latest_page_read_twice_is_one_tail_miss_then_one_hit()
    {
        const string symbol = "CACHEMETRICSUSDT";
        await fixture.Cold.AppendTradeFilesAsync([.. Enumerable.Range(1, 12).Select(i => Trades.Binance(i, symbol: symbol) with { PlatformSequence = i })]);
        var path = $"/v1/trades?exchange=BINANCE&symbol={symbol}&limit=5";
        var (hits, misses) = (Observe("k2.api.query_cache.hits")["cold_tail_trades"], Observe("k2.api.query_cache.misses")["cold_tail_trades"]);

        await fixture.Http.GetJsonAsync(path);
        Assert.Equal((hits, misses + 1), (Observe("k2.api.query_cache.hits")["cold_tail_trades"], Observe("k2.api.query_cache.misses")["cold_tail_trades"]));
        Assert.True(Observe("k2.api.query_cache.weight")["cold_tail_trades"] >= 12, "the symbol's 12 cold rows are held");

        await fixture.Http.GetJsonAsync(path);
        Assert.Equal((hits + 1, misses + 1), (Observe("k2.api.query_cache.hits")["cold_tail_trades"], Observe("k2.api.query_cache.misses")["cold_tail_trades"]));
    }

    /// <summary>One collection of <paramref name="instrument"/> from the API's own meter factory, by cache.</summary>
    private Dictionary<string, long> Observe(string instrument)
    {
        var meters = fixture.ApiServices.GetRequiredService<IMeterFactory>();
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (published, listening) =>
            {
                if (ReferenceEquals(published.Meter.Scope, meters) && published.Name == instrument)
                {
                    listening.EnableMeasurementEvents(published);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "cache")
                {
                    values[(string)tag.Value!] = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }
}
