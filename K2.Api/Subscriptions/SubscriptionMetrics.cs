using System.Diagnostics.Metrics;

namespace K2.Api.Subscriptions;

/// <summary>Live trade subscriptions of this API process, on meter <see cref="MeterName"/>.</summary>
public sealed class SubscriptionMetrics
{
    public const string MeterName = "K2.Api";

    private readonly Counter<long> _ended;
    private long _active;

    public SubscriptionMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("k2.api.subscriptions.active", () => Interlocked.Read(ref _active), "{subscription}", "SubscribeTrades streams open in this API process.");
        _ended = meter.CreateCounter<long>("k2.api.subscriptions.ended", "{subscription}", "SubscribeTrades streams ended, by reason.");
    }

    public void Started() => Interlocked.Increment(ref _active);

    /// <summary><paramref name="reason"/>: <c>closed</c>, or the error code the stream ended with (e.g. <c>subscriber_too_slow</c>).</summary>
    public void Ended(string reason)
    {
        Interlocked.Decrement(ref _active);
        _ended.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }
}
