namespace K2.Contracts.Grains;

/// <summary>
/// Sent by a consumer to each symbol grain it fed since its last flush, before that flush's Iceberg commit: "every
/// message of this partition below <see cref="ThroughOffset"/> is about to be committed; the table now records
/// <see cref="BaseOffset"/>". The grain persists its state as the checkpoint at <see cref="ThroughOffset"/> and keeps
/// the one at <see cref="BaseOffset"/>, so whichever of the two the table ends up recording, a replay from it meets
/// exactly the verdicts that were committed. <see cref="LastOffset"/> is the last offset of the partition the consumer
/// handed this grain: a grain that no longer holds it (it was deactivated and lost what it had not persisted) refuses,
/// because the state it would persist is not the one the commit covers.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FlushCheckpoint(
    [property: Id(0)] string LogCluster,
    [property: Id(1)] string Topic,
    [property: Id(2)] int Partition,
    [property: Id(3)] long BaseOffset,
    [property: Id(4)] long ThroughOffset,
    [property: Id(5)] long LastOffset)
{
    /// <summary>Which of the grain's logs the partition feeds: its trades or its quotes, checkpointed apart.</summary>
    [Id(6)] public Avro.MarketDataRecordType Kind { get; init; } = Avro.MarketDataRecordType.Trade;
}
