using K2.Contracts.Model;

namespace K2.Contracts.Grains;

/// <summary>
/// The trades of one symbol taken from one poll of the log, handed to its grain in a single call.
/// </summary>
/// <remarks>
/// When the batch comes from Kafka, <see cref="Topic"/> and <see cref="Positions"/> (parallel to <see cref="Trades"/>)
/// say where each trade sits, so the grain can recognise a redelivery (after a consumer crash before its commit) and
/// leave it out instead of classifying it twice. Without positions every trade is classified.
/// </remarks>
[GenerateSerializer, Immutable]
public sealed record TradeBatch([property: Id(0)] IReadOnlyList<Trade> Trades)
{
    /// <summary>The topic every trade of the batch was read from; required when <see cref="Positions"/> is set.</summary>
    [Id(1)] public string? Topic { get; init; }

    /// <summary>One position per trade, same order as <see cref="Trades"/>; empty for batches that are not from Kafka.</summary>
    [Id(2)] public IReadOnlyList<TradePosition> Positions { get; init; } = [];

    /// <summary>A batch read from <paramref name="topic"/>, each trade with its partition and offset.</summary>
    public static TradeBatch FromLog(string topic, IReadOnlyList<Trade> trades, IReadOnlyList<TradePosition> positions)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(trades);
        ArgumentNullException.ThrowIfNull(positions);
        return positions.Count == trades.Count
            ? new TradeBatch(trades) { Topic = topic, Positions = positions }
            : throw new ArgumentException($"{positions.Count} positions for {trades.Count} trades.", nameof(positions));
    }
}
