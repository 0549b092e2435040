using System.Diagnostics.Metrics;
using K2.Api.Query.Diagnostics;
using K2.Api.Subscriptions;
using K2.Ingestion.Binance.Diagnostics;
using K2.Ingestion.Binance.Parsing;
using K2.Ingestion.Binance.Resilience;
using K2.Kafka.Diagnostics;
using K2.Lakehouse.Caching;
using K2.ServiceDefaults.Telemetry;
using K2.Silo.HotWindow;
using K2.Silo.Ingest;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace K2.Telemetry.Tests.Metrics;

/// <summary>
/// The real types that record K2's instruments, created on one meter factory, and a way to record one measurement on
/// every instrument they own (so an exporter has something to show for each).
/// </summary>
internal sealed class K2Emitters
{
    /// <param name="meters">The factory every emitter creates its meter with.</param>
    /// <param name="health">The host's registered health publisher, when the test is about a host; else a new one.</param>
    public K2Emitters(IMeterFactory meters, HealthStatusMetrics? health = null)
    {
        Ingest = new IngestMetrics(meters);
        Binance = new BinanceFeedMetrics(meters);
        Producer = new ProducerCounters(meters, "telemetry-test");
        ConsumerLag = new ConsumerLagMetrics(meters);
        Health = health ?? new HealthStatusMetrics(meters);
        Subscriptions = new SubscriptionMetrics(meters);
        QueryCaches = new QueryCacheMetrics(meters, [new MetadataCache(Options.Create(new ScanCacheOptions()))]); // observable: always reports
        HotWindowMetrics.Observe(meters, new HotWindowBudget(new HotWindowOptions()), new HotWindowBudget(new HotWindowOptions())); // observable too
    }

    public IngestMetrics Ingest { get; }

    public BinanceFeedMetrics Binance { get; }

    public ProducerCounters Producer { get; }

    public ConsumerLagMetrics ConsumerLag { get; }

    public HealthStatusMetrics Health { get; }

    public SubscriptionMetrics Subscriptions { get; }

    public QueryCacheMetrics QueryCaches { get; }

    public async Task RecordOnEveryInstrumentAsync()
    {
        Ingest.MessageConsumed("k2.trades.binance");
        Ingest.BatchCommitted();
        Ingest.BatchProcessed(TimeSpan.FromMilliseconds(12));
        Ingest.GrainCalled();
        Ingest.DeadLettered("decode");
        Ingest.BatchRetried();
        Ingest.Flushed(10);
        Ingest.FlushFenced();
        Ingest.FlushFailed();
        Ingest.Resynced();
        Ingest.PartitionsPaused(2);

        Binance.MessageReceived();
        Binance.TradePublished();
        Binance.ParseError(BinanceParseErrorCode.InvalidJson);
        Binance.Reconnect("test");
        Binance.TradesBackfilled(3);
        Binance.RestRequest(200);
        Binance.BreakerState(CircuitState.Open);

        Producer.Delivered();
        Producer.Failed();
        Producer.QueueFullWait();
        ConsumerLag.OnStatistics(
            """{"name":"telemetry-test#consumer-1","topics":{"market.crypto.trades.binance":{"partitions":{"0":{"consumer_lag":5}}}}}""");

        Subscriptions.Started();
        Subscriptions.Started();
        Subscriptions.Ended("subscriber_too_slow");

        var report = new HealthReport(
            new Dictionary<string, HealthReportEntry>
            {
                ["postgres"] = new(HealthStatus.Unhealthy, "down", TimeSpan.Zero, exception: null, data: null),
            },
            TimeSpan.Zero);
        await Health.PublishAsync(report, CancellationToken.None);
    }
}
