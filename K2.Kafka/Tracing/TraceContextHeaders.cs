using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using K2.Kafka.Publishing;

namespace K2.Kafka.Tracing;

/// <summary>
/// W3C trace context in Kafka record headers (<c>traceparent</c>, <c>tracestate</c>), as the OpenTelemetry messaging
/// conventions carry it: the consumer links its batch span to the producer's span through them.
/// </summary>
public static class TraceContextHeaders
{
    public const string TraceParent = "traceparent";

    public const string TraceState = "tracestate";

    /// <summary>
    /// <paramref name="shared"/> plus the trace context of <paramref name="span"/>; <paramref name="shared"/> itself when
    /// there is no span (the untraced path allocates nothing). A copy, because the shared headers serve every record.
    /// </summary>
    public static Headers With(Headers shared, Activity? span)
    {
        ArgumentNullException.ThrowIfNull(shared);
        if (span is null || span.IdFormat != ActivityIdFormat.W3C || span.Id is not { } traceParent)
        {
            return shared;
        }

        var headers = new Headers();
        foreach (var header in shared)
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        headers.AddText(TraceParent, traceParent);
        if (!string.IsNullOrEmpty(span.TraceStateString))
        {
            headers.AddText(TraceState, span.TraceStateString);
        }

        return headers;
    }

    /// <summary>The producer's span context a record carries, or false when it carries none (or a malformed one).</summary>
    public static bool TryExtract(Headers? headers, out ActivityContext context)
    {
        context = default;
        if (headers is null || !headers.TryGetLastBytes(TraceParent, out var parent) || parent is null)
        {
            return false;
        }

        var state = headers.TryGetLastBytes(TraceState, out var stateBytes) && stateBytes is not null
            ? Encoding.UTF8.GetString(stateBytes)
            : null;
        return ActivityContext.TryParse(Encoding.UTF8.GetString(parent), state, isRemote: true, out context);
    }
}
