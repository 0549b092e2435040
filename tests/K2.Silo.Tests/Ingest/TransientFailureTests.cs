using System.Diagnostics.Metrics;
using K2.Kafka.Topics;
using K2.Silo.Ingest;
using K2.Silo.Tests.Flush;
using K2.Testing;
using K2.Testing.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Orleans.TestingHost;

namespace K2.Silo.Tests.Ingest;

public sealed class TransientFailureTests
{
    [Fact]
    public async Task While_grain_state_cannot_be_stored_the_batch_is_retried_uncommitted_and_then_applied_once()
    {
        await using var env = await IngestEnvironment.StartAsync();
        await using var cluster = await env.StartClusterAsync();
        var silo = Assert.IsType<InProcessSiloHandle>(Assert.Single(cluster.Silos));
        var meters = silo.SiloHost!.Services.GetRequiredService<IMeterFactory>();
        // The factory hands out the one cached meter of this name: the one the silo's consumer counts on.
        using var capture = new MeterCapture(meters.Create(IngestMetrics.MeterName));

        // PostgreSQL "down" for grain state: activation and writes fail until the table is back.
        await ExecuteAsync(env, "ALTER TABLE orleans_grain_state RENAME TO orleans_grain_state_away");
        await using (var publisher = env.CreatePublisher())
        {
            foreach (var id in Enumerable.Range(1, 50))
            {
                await publisher.PublishTradeAsync(Trades.Binance(id), CancellationToken.None);
            }

            await publisher.FlushAsync(CancellationToken.None);
        }

        await Poll.UntilAsync(() => capture.Sum("k2.silo.ingest.batch_retries") >= 2, "the consumer retried the failing batch");
        var health = silo.SiloHost.Services.GetRequiredService<HealthCheckService>();
        var during = (await health.CheckHealthAsync(check => check.Name == IngestHealthCheck.Name)).Entries[IngestHealthCheck.Name];
        Assert.Equal(HealthStatus.Degraded, during.Status);
        Assert.Contains("poll batch", during.Description, StringComparison.Ordinal);
        Assert.All(env.Committed(KafkaTopics.BinanceTrades), offset => Assert.True(offset.Offset.Value < 0, $"{offset} was committed during the outage"));

        await ExecuteAsync(env, "ALTER TABLE orleans_grain_state_away RENAME TO orleans_grain_state");
        await env.WaitUntilDrainedAsync();
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(check => check.Name == IngestHealthCheck.Name)).Status);

        var summary = await IngestEnvironment.Grain(cluster, "BINANCE", "BTCUSDT").GetIntegrityAsync();
        Assert.Equal((50L, 0L, 0L), (summary.Accepted, summary.DuplicatesByMessageId + summary.DuplicatesBySequence, summary.GapsDetected));
        Assert.Equal(50, capture.Sum("k2.silo.ingest.messages", "topic", KafkaTopics.BinanceTrades));
        Assert.Equal(0, capture.Sum("k2.silo.ingest.dead_letters"));
        Assert.True(capture.Sum("k2.silo.ingest.grain_calls") >= 1);
        Assert.True(capture.Sum("k2.silo.ingest.batches") >= 1);

        // One processing time per batch; the batch retried through the outage waited out at least two backoffs.
        var processing = capture.Values("k2.silo.ingest.batch_processing");
        Assert.Equal(capture.Sum("k2.silo.ingest.batches"), processing.Count);
        var backoff = IngestEnvironment.RetryInitialBackoff;
        Assert.True(processing.Max() >= (backoff + backoff).TotalSeconds, $"the longest batch took {processing.Max():F3} s");
    }

    [Fact]
    public async Task A_grain_that_lost_its_unpersisted_batches_before_the_flush_makes_the_consumer_replay_instead_of_committing()
    {
        string[] symbols = ["BTCUSDT", "ETHUSDT"];
        const int perSymbol = 120;
        await using var env = await IngestEnvironment.StartAsync();
        await using var cluster = await env.StartClusterAsync(flushAge: "00:00:01");
        var silo = Assert.IsType<InProcessSiloHandle>(Assert.Single(cluster.Silos));
        using var capture = new MeterCapture(silo.SiloHost!.Services.GetRequiredService<IMeterFactory>().Create(IngestMetrics.MeterName));

        // Activated while storage answers; then their flush checkpoints cannot be written, so each grain drops its
        // activation (and the verdicts it held only in memory) while the consumer still buffers their trades.
        foreach (var symbol in symbols)
        {
            await IngestEnvironment.Grain(cluster, "BINANCE", symbol).GetIntegrityAsync();
        }

        await ExecuteAsync(env, "ALTER TABLE orleans_grain_state RENAME TO orleans_grain_state_away");
        await using (var publisher = env.CreatePublisher())
        {
            foreach (var id in Enumerable.Range(1, perSymbol))
            {
                foreach (var symbol in symbols)
                {
                    await publisher.PublishTradeAsync(Trades.Binance(id, symbol: symbol), CancellationToken.None);
                }
            }

            await publisher.FlushAsync(CancellationToken.None);
        }

        await Poll.UntilAsync(() => capture.Sum("k2.silo.flush.failures") >= 1, "a flush failed to write its grain checkpoints");
        await ExecuteAsync(env, "ALTER TABLE orleans_grain_state_away RENAME TO orleans_grain_state");
        await env.WaitUntilDrainedAsync();

        foreach (var symbol in symbols)
        {
            var summary = await IngestEnvironment.Grain(cluster, "BINANCE", symbol).GetIntegrityAsync();
            Assert.Equal((symbol, (long)perSymbol, 0L, (long?)perSymbol), (symbol, summary.Accepted, summary.DuplicatesByMessageId + summary.DuplicatesBySequence, summary.LastSequence));
        }

        await using var table = FlushHarness.Attach(env.Database.ConnectionString, env.WarehousePath);
        var rows = await table.ReadAllTradesAsync();
        Assert.Equal(
            symbols.SelectMany(symbol => Enumerable.Range(1, perSymbol).Select(id => (symbol, (long?)id))).Order(),
            rows.Select(row => (row.Symbol, row.SourceSequence)).Order());

        // The re-activated grains refused to vouch for trades they no longer held; the consumer re-read them.
        Assert.True(capture.Sum("k2.silo.ingest.resyncs") >= 1, "the consumer re-read from the table's offsets");
    }

    private static async Task ExecuteAsync(IngestEnvironment env, string sql)
    {
        await using var connection = new NpgsqlConnection(env.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
