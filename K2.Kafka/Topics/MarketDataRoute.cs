namespace K2.Kafka.Topics;

/// <summary>
/// Where one venue's records of one kind go: the topic and the source name written in the <c>k2-source</c> header
/// (the same name its dead letters use in <c>k2.dlq.&lt;source&gt;</c>). Routes are the fixed instances of
/// <see cref="MarketDataRoutes"/>, compared by reference (cheap to look up per record).
/// </summary>
public sealed class MarketDataRoute
{
    internal MarketDataRoute(string topic, string source, MarketDataKind kind)
    {
        Topic = topic;
        Source = source;
        Kind = kind;
    }

    public string Topic { get; }

    public string Source { get; }

    public MarketDataKind Kind { get; }

    public override string ToString() => $"{Kind} of {Source} -> {Topic}";
}
