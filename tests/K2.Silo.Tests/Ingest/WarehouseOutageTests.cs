using System.Diagnostics.Metrics;
using K2.Kafka.Consuming;
using K2.Kafka.Topics;
using K2.Lakehouse.Storage;
using K2.Silo.Ingest;
using K2.Silo.Tests.Flush;
using K2.Testing;
using K2.Testing.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.TestingHost;

namespace K2.Silo.Tests.Ingest;

/// <summary>
/// Back-pressure, not load shedding: while the warehouse refuses writes (a fault injected into the silo's real local
/// warehouse storage), the consumer keeps its buffer, pauses its partitions and reports Degraded with the reason; Kafka
/// holds what arrives meanwhile. When the warehouse is writable again the silo recovers by itself, and every trade
/// published before, during and after the outage is in the Iceberg table exactly once.
/// </summary>
public sealed class WarehouseOutageTests
{
    private const int Wave = 150;

    [Fact]
    public async Task While_the_warehouse_is_unwritable_the_consumer_pauses_reports_degraded_and_afterwards_every_trade_is_in_iceberg_once()
    {
        await using var env = await IngestEnvironment.StartAsync();
        await using var table = FlushHarness.Attach(env.Database.ConnectionString, env.WarehousePath);
        await table.Flusher.EnsureTableAsync(CancellationToken.None);
        await using var cluster = await env.StartClusterAsync(
            maxBatchMessages: 40,
            configure: builder => builder.AddSiloBuilderConfigurator<WarehouseFaultInjectionConfigurator>());
        var silo = Assert.IsType<InProcessSiloHandle>(Assert.Single(cluster.Silos)).SiloHost!.Services;
        var warehouse = silo.GetRequiredService<FaultInjectingWarehouseStorage>();
        var health = silo.GetRequiredService<HealthCheckService>();
        using var capture = new MeterCapture(silo.GetRequiredService<IMeterFactory>().Create(IngestMetrics.MeterName));

        // Before: trades flow into the table.
        await PublishAsync(env, 1, Wave);
        await Poll.UntilAsync(async () => (await table.ReadAllTradesAsync()).Count == Wave, "the first wave is in the table");
        Assert.Equal(HealthStatus.Healthy, (await IngestCheckAsync(health)).Status);

        // Outage: the next flush fails; the consumer pauses its partitions and says why.
        warehouse.MakeUnwritable("disk full (injected)");
        await PublishAsync(env, Wave + 1, Wave);
        await Poll.UntilAsync(
            async () => await IngestCheckAsync(health) is { Status: HealthStatus.Degraded, Description: { } reason } && reason.Contains("disk full (injected)", StringComparison.Ordinal),
            "the silo's ingest health check reports the failing flush");
        await Poll.UntilAsync(() => capture.Observe("k2.silo.ingest.paused_partitions") > 0, "the paused-partitions gauge shows the pause");
        var degraded = await IngestCheckAsync(health);
        Assert.Contains("partition(s) paused", degraded.Description, StringComparison.Ordinal);
        Assert.True(warehouse.RefusedWrites > 0);

        // More arrives during the outage: nothing reaches the table or Kafka's committed offsets, so the lag grows.
        await PublishAsync(env, (2 * Wave) + 1, Wave);
        Assert.Equal(Wave, (await table.ReadAllTradesAsync()).Count);
        var log = await new KafkaClusterIdentity(env.KafkaOptions).ReadAsync(CancellationToken.None);
        var ends = env.EndOffsets(KafkaTopics.BinanceTrades).ToDictionary();
        var committed = env.Committed(KafkaTopics.BinanceTrades).ToDictionary(offset => offset.Partition.Value, offset => offset.Offset.Value);
        Assert.Equal(3 * Wave, ends.Values.Sum());
        Assert.True(ends.Sum(end => end.Value - Math.Max(0, committed.GetValueOrDefault(end.Key))) >= 2 * Wave, "consumer lag covers the trades published during the outage");
        var recorded = await table.CommittedOffsetsAsync(log);
        Assert.Equal(Wave, ends.Keys.Sum(partition => recorded.NextOffset(new Silo.Flush.TopicPartition(KafkaTopics.BinanceTrades, partition)) ?? 0));
        // The silo itself still serves (Degraded, not Unhealthy): data is late, not lost.
        Assert.NotEqual(HealthStatus.Unhealthy, (await health.CheckHealthAsync()).Status);

        // Recovery: writable again, no restart; the backlog drains and health returns to Healthy.
        warehouse.MakeWritable();
        await env.WaitUntilDrainedAsync();
        await Poll.UntilAsync(async () => (await IngestCheckAsync(health)).Status == HealthStatus.Healthy, "the ingest health check recovers by itself");
        Assert.Equal(0, capture.Observe("k2.silo.ingest.paused_partitions"));

        // Exactly once: every published trade id, each in one row.
        var rows = await table.ReadAllTradesAsync();
        var copies = rows.GroupBy(row => row.TradeId).ToDictionary(group => group.Key, group => group.Count());
        var published = Enumerable.Range(1, 3 * Wave).Select(id => $"BINANCE-{id}");
        Assert.Equal(published.Order(StringComparer.Ordinal), copies.Keys.Order(StringComparer.Ordinal));
        Assert.All(copies, trade => Assert.Equal(1, trade.Value));
        Assert.True(capture.Sum("k2.silo.flush.failures") > 0);
    }

    private static async Task PublishAsync(IngestEnvironment env, int firstId, int count)
    {
        await using var publisher = env.CreatePublisher();
        foreach (var id in Enumerable.Range(firstId, count))
        {
            await publisher.PublishTradeAsync(Trades.Binance(id), CancellationToken.None);
        }

        await publisher.FlushAsync(CancellationToken.None);
    }

    private static async Task<HealthReportEntry> IngestCheckAsync(HealthCheckService health) =>
        (await health.CheckHealthAsync(check => check.Name == IngestHealthCheck.Name)).Entries[IngestHealthCheck.Name];

    /// <summary>Wraps the silo's real warehouse storage so the test can make it unwritable.</summary>
    public sealed class WarehouseFaultInjectionConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.Services.AddWarehouseFaultInjection();
    }
}
