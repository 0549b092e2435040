using K2.Contracts.Model;

namespace K2.Contracts.Grains;

/// <summary>
/// The quotes of one symbol taken from one poll of the log, handed to its grain in a single call. The log fields mean
/// what they mean on <see cref="TradeBatch"/>; a symbol's quotes are their own partition (of the quote topic), so the
/// grain keeps their offsets, checkpoints and platform sequences apart from its trades'.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record QuoteBatch([property: Id(0)] IReadOnlyList<Quote> Quotes)
{
    /// <inheritdoc cref="TradeBatch.Topic"/>
    [Id(1)] public string? Topic { get; init; }

    /// <summary>One position per quote, same order as <see cref="Quotes"/>; empty for batches that are not from Kafka.</summary>
    [Id(2)] public IReadOnlyList<TradePosition> Positions { get; init; } = [];

    /// <inheritdoc cref="TradeBatch.LogCluster"/>
    [Id(3)] public string? LogCluster { get; init; }

    /// <inheritdoc cref="TradeBatch.RunStartOffset"/>
    [Id(4)] public long? RunStartOffset { get; init; }

    /// <inheritdoc cref="TradeBatch.PreviousOffset"/>
    [Id(5)] public long? PreviousOffset { get; init; }

    /// <summary>A batch read from <paramref name="topic"/>, each quote with its partition and offset.</summary>
    public static QuoteBatch FromLog(string topic, IReadOnlyList<Quote> quotes, IReadOnlyList<TradePosition> positions)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(quotes);
        ArgumentNullException.ThrowIfNull(positions);
        return positions.Count == quotes.Count
            ? new QuoteBatch(quotes) { Topic = topic, Positions = positions }
            : throw new ArgumentException($"{positions.Count} positions for {quotes.Count} quotes.", nameof(positions));
    }
}
