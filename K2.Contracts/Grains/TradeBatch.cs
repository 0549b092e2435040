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

    /// <summary>
    /// The Kafka cluster the positions belong to. Offsets of another cluster (a recreated local broker, a migrated
    /// cluster) say nothing about this one, so a grain keeps its applied offsets per cluster.
    /// </summary>
    [Id(3)] public string? LogCluster { get; init; }

    /// <summary>
    /// Where the consumer's current read of this partition began: the offset the lakehouse table records for it.
    /// Everything below it is committed to the table; a grain that has applied messages at or above it is being
    /// replayed to, and rolls back to its checkpoint at this offset.
    /// </summary>
    [Id(4)] public long? RunStartOffset { get; init; }

    /// <summary>
    /// The offset of the last message of this partition the same consumer run sent this grain before, or null when
    /// this batch is the run's first for the symbol. A grain whose applied offset differs has lost or gained
    /// verdicts the consumer does not know about, and asks it to resynchronise from the table instead of applying.
    /// </summary>
    [Id(5)] public long? PreviousOffset { get; init; }

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
