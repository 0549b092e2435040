using System.Diagnostics;
using K2.Kafka.Topics;
using K2.ServiceDefaults.Telemetry;
using K2.Silo.Tests.Flush;
using K2.Silo.Tests.Ingest;
using K2.Testing;
using K2.Testing.Tracing;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace K2.Silo.Tests.Tracing;

/// <summary>
/// One trace from a feed handler's publish to the Iceberg commit, through the real broker, consumer, grains and
/// lakehouse, recorded by an in-memory exporter that listens to exactly the sources the service defaults register.
/// The shape (OpenTelemetry messaging conventions for batches): publish spans (one per record) ← links ← the
/// consumer's batch <c>process</c> span → its children, the <c>IngestAsync</c> grain calls; the <c>flush trades</c>
/// span links to the batch spans it commits → its child, the <c>iceberg commit</c>.
/// </summary>
public sealed class PipelineTracingTests
{
    private const int TradeCount = 30;
    private const string OrleansApplicationSource = "Microsoft.Orleans.Application";
    private static readonly ActivitySource TestSource = new("K2.Silo.Tests.PipelineTracing");

    [Fact]
    public async Task A_published_trade_is_traced_through_the_consumer_batch_the_grain_call_and_the_flush_to_the_iceberg_commit()
    {
        var spans = new SynchronizedCollection<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource([.. K2ActivitySources.All, .. OrleansTelemetry.ActivitySources, TestSource.Name])
            .AddInMemoryExporter(spans)
            .Build();
        await using var env = await IngestEnvironment.StartAsync();
        await using var table = FlushHarness.Attach(env.Database.ConnectionString, env.WarehousePath);
        await using var cluster = await env.StartClusterAsync(maxBatchMessages: 10);

        // The feed handler's side: a root span (as a WebSocket message handler would have) around the publishes.
        ActivityContext feed;
        await using (var publisher = env.CreatePublisher())
        {
            using var root = TestSource.StartActivity("feed handler receives trades");
            feed = root!.Context;
            foreach (var id in Enumerable.Range(1, TradeCount))
            {
                await publisher.PublishTradeAsync(Trades.Binance(id), CancellationToken.None);
            }

            await publisher.FlushAsync(CancellationToken.None);
        }

        // Spans end in order commit → flush; wait for committed flushes whose batches cover every published trade.
        Chain? chain = null;
        await Poll.UntilAsync(
            () => (chain = Follow(spans.Snapshot(), feed)) is { Complete: true },
            "a committed flush whose batches link every publish span is exported");

        var found = chain!;
        Assert.Equal(TradeCount, found.Publishes.Count);
        Assert.All(found.Publishes, publish =>
        {
            Assert.Equal(ActivityKind.Producer, publish.Kind);
            Assert.Equal(KafkaTopics.BinanceTrades, publish.GetTagItem("messaging.destination.name"));
            Assert.Equal("BTCUSDT", publish.GetTagItem("messaging.kafka.message.key"));
        });

        // Every publish is linked by a batch span whose trades a flush committed (the record carried its context).
        var all = spans.Snapshot();
        foreach (var publish in found.Publishes)
        {
            var batch = found.Batches.First(batch => batch.Links.Any(link => link.Context.SpanId == publish.SpanId));
            Assert.Equal(publish.TraceId, batch.Links.Single(link => link.Context.SpanId == publish.SpanId).Context.TraceId);
            Assert.Equal(ActivityKind.Consumer, batch.Kind);
            Assert.Equal(KafkaTopics.BinanceTrades, batch.GetTagItem("messaging.destination.name"));

            // The batch span is the parent of its IngestAsync grain call (client side), whose silo side is the call's child.
            var call = Assert.Single(all, span => span.Source.Name == OrleansApplicationSource && span.Kind == ActivityKind.Client
                && span.ParentSpanId == batch.SpanId && IsCallTo(span, "IngestAsync"));
            Assert.Equal(batch.TraceId, call.TraceId);
            Assert.Single(all, span => span.Source.Name == OrleansApplicationSource && span.Kind == ActivityKind.Server
                && span.ParentSpanId == call.SpanId && IsCallTo(span, "IngestAsync"));

            // A committed flush links the batch; its grain checkpoints and its Iceberg commit are its children.
            var flush = Assert.Single(found.Flushes, flush => flush.Links.Any(link => link.Context.SpanId == batch.SpanId));
            Assert.Equal(ActivityStatusCode.Unset, flush.Status);
            Assert.Contains(all, span => span.ParentSpanId == flush.SpanId && IsCallTo(span, "CutFlushAsync"));
            Assert.Contains(all, span => span.ParentSpanId == flush.SpanId && IsCallTo(span, "PersistFlushAsync"));
            var commit = Assert.Single(all, span => span.Source.Name == K2ActivitySources.Lakehouse && span.ParentSpanId == flush.SpanId);
            Assert.Equal(flush.TraceId, commit.TraceId);
            Assert.Equal(true, commit.GetTagItem("k2.iceberg.committed"));
        }

        var rows = await table.ReadAllTradesAsync();
        Assert.Equal(TradeCount, rows.Count);
    }

    /// <summary>
    /// Follows the relations from the feed's root span: its publish children, the flushes with a committed Iceberg
    /// commit as a child, and the batch spans those flushes link that link publishes. Complete once such batches link
    /// every publish.
    /// </summary>
    private static Chain Follow(IReadOnlyList<Activity> spans, ActivityContext feed)
    {
        var publishes = spans.Where(span => span.Source.Name == K2ActivitySources.Kafka && span.ParentSpanId == feed.SpanId).ToList();
        var publishIds = publishes.Select(span => span.SpanId).ToHashSet();
        var committedFlushIds = spans
            .Where(span => span.Source.Name == K2ActivitySources.Lakehouse && Equals(span.GetTagItem("k2.iceberg.committed"), true))
            .Select(span => span.ParentSpanId)
            .ToHashSet();
        var flushes = spans.Where(span => span.Source.Name == K2ActivitySources.Silo && committedFlushIds.Contains(span.SpanId)).ToList();
        var flushedBatchIds = flushes.SelectMany(flush => flush.Links).Select(link => link.Context.SpanId).ToHashSet();
        var batches = spans.Where(span => span.Source.Name == K2ActivitySources.Silo && flushedBatchIds.Contains(span.SpanId)
            && span.Links.Any(link => publishIds.Contains(link.Context.SpanId))).ToList();
        var linkedPublishes = batches.SelectMany(batch => batch.Links).Select(link => link.Context.SpanId).Where(publishIds.Contains).ToHashSet();
        var complete = publishes.Count == TradeCount && linkedPublishes.Count == TradeCount;
        return new Chain(publishes, batches, flushes, complete);
    }

    private static bool IsCallTo(Activity span, string method) =>
        span.GetTagItem("rpc.method") as string == method || span.DisplayName.EndsWith("/" + method, StringComparison.Ordinal);

    private sealed record Chain(List<Activity> Publishes, List<Activity> Batches, List<Activity> Flushes, bool Complete);
}
