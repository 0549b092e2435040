using System.Diagnostics;
using Confluent.Kafka;
using K2.Kafka.Tracing;

namespace K2.Silo.Ingest;

/// <summary>
/// The consumer's spans on <see cref="ActivitySourceName"/>. One <c>process</c> span per poll batch (never one per
/// record), linked to the producers' spans its records carry (OpenTelemetry messaging conventions: a batch of many
/// records links, it has no single parent); the grain calls of the batch are its children. One <c>flush</c> span per
/// flush attempt, linked to the batch spans whose trades it commits; grain checkpoints and the Iceberg commit are its
/// children. Without a listener nothing is read from the headers and no span is made.
/// </summary>
public static class IngestTracing
{
    public const string ActivitySourceName = "K2.Silo";

    public const string ProcessOperation = "process";

    public const string FlushSpanName = "flush trades";

    /// <summary>The OpenTelemetry SDK keeps at most 128 links per span by default; more would be dropped anyway.</summary>
    public const int MaxLinks = 128;

    private static readonly ActivitySource Source = new(ActivitySourceName);

    internal static Activity? StartProcess(IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> records, string groupId)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var links = new TraceLinks();
        foreach (var record in records)
        {
            if (TraceContextHeaders.TryExtract(record.Message.Headers, out var producer))
            {
                links.Add(producer);
            }
        }

        var topic = records.Select(record => record.Topic).Distinct().Take(2).ToList() is [var single] ? single : null;
        var span = Source.StartActivity(
            topic is null ? ProcessOperation : $"{ProcessOperation} {topic}",
            ActivityKind.Consumer,
            parentContext: default,
            links: links.Links);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("messaging.system", KafkaTracing.MessagingSystem);
            span.SetTag("messaging.operation.type", ProcessOperation);
            span.SetTag("messaging.operation.name", ProcessOperation);
            span.SetTag("messaging.consumer.group.name", groupId);
            span.SetTag("messaging.batch.message_count", records.Count);
            if (topic is not null)
            {
                span.SetTag("messaging.destination.name", topic);
            }
        }

        return span;
    }

    internal static Activity? StartFlush(TraceLinks batches, int trades, int attempt)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var span = Source.StartActivity(FlushSpanName, ActivityKind.Internal, parentContext: default, links: batches.Links);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("k2.flush.trades", trades);
            span.SetTag("k2.flush.attempt", attempt);
        }

        return span;
    }

    internal static void Failed(Activity? span, Exception exception) => span?.SetStatus(ActivityStatusCode.Error, exception.Message);
}
