namespace K2.Contracts.Grains;

/// <summary>
/// Sent by a consumer to each symbol grain it fed since its last flush, before that flush's Iceberg commit: "every
/// message of this partition below <see cref="ThroughOffset"/> is about to be committed; the table now records
/// <see cref="BaseOffset"/>". The grain persists its state as the checkpoint at <see cref="ThroughOffset"/> and keeps
/// the one at <see cref="BaseOffset"/>, so whichever of the two the table ends up recording, a replay from it meets
/// exactly the verdicts that were committed.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FlushCheckpoint(
    [property: Id(0)] string LogCluster,
    [property: Id(1)] string Topic,
    [property: Id(2)] int Partition,
    [property: Id(3)] long BaseOffset,
    [property: Id(4)] long ThroughOffset)
{
    /// <summary>Which of the grain's logs the partition feeds: its trades or its quotes, checkpointed apart.</summary>
    [Id(5)] public Avro.MarketDataRecordType Kind { get; init; } = Avro.MarketDataRecordType.Trade;
}
