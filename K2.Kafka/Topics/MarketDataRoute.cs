namespace K2.Kafka.Topics;

/// <summary>
/// Where one venue's records of one kind go: the topic and the source name written in the <c>k2-source</c> header
/// (the same name its dead letters use in <c>k2.dlq.&lt;source&gt;</c>).
/// </summary>
public sealed record MarketDataRoute(string Topic, string Source, MarketDataKind Kind);
