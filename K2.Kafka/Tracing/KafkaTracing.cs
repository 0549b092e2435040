using System.Diagnostics;

namespace K2.Kafka.Tracing;

/// <summary>
/// The activity source of K2's Kafka hops (OpenTelemetry messaging conventions, Kafka flavour). The service defaults
/// listen to <see cref="ActivitySourceName"/>; without a listener nothing here allocates a span.
/// </summary>
public static class KafkaTracing
{
    public const string ActivitySourceName = "K2.Kafka";

    public const string MessagingSystem = "kafka";

    /// <summary>Operation name and type of a producer span (<c>send</c>: the record is handed to the broker).</summary>
    public const string PublishOperation = "publish";

    internal static ActivitySource Source { get; } = new(ActivitySourceName);

    /// <summary>Whether a publish now would carry a trace: someone listens, or the caller opened a batch span.</summary>
    internal static bool IsTracing => Source.HasListeners() || Activity.Current is { Kind: ActivityKind.Producer };

    /// <summary>
    /// A producer span around many publishes that belong together (an ASX file): each record published while it is
    /// current carries its context, and no span is made per record. Null when nothing listens.
    /// </summary>
    public static Activity? StartBatchPublish(string what)
    {
        var span = Source.StartActivity($"{PublishOperation} {what}", ActivityKind.Producer);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("messaging.system", MessagingSystem);
            span.SetTag("messaging.operation.type", "send");
            span.SetTag("messaging.operation.name", PublishOperation);
        }

        return span;
    }

    /// <summary>
    /// The span whose context a record carries. A caller that publishes many records as one unit (a file load) opens
    /// its own <see cref="ActivityKind.Producer"/> span around them (<see cref="StartBatchPublish"/>): every record then carries that span's context
    /// and no span per record is made. Otherwise each record gets its own short <c>publish</c> span, which ends
    /// when the record is queued. Returns null when nothing listens (and no batch span is open).
    /// </summary>
    internal static Activity? StartPublish(string topic, string key, out Activity? carrier)
    {
        if (Activity.Current is { Kind: ActivityKind.Producer } batch)
        {
            carrier = batch;
            return null;
        }

        var span = Source.StartActivity($"{PublishOperation} {topic}", ActivityKind.Producer);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("messaging.system", MessagingSystem);
            span.SetTag("messaging.operation.type", "send");
            span.SetTag("messaging.operation.name", PublishOperation);
            span.SetTag("messaging.destination.name", topic);
            span.SetTag("messaging.kafka.message.key", key);
        }

        carrier = span;
        return span;
    }
}
