namespace K2.Contracts.Grains;

/// <summary>
/// Sent after a flush's Iceberg commit: the checkpoint at <see cref="ThroughOffset"/> is in snapshot
/// <see cref="SnapshotId"/>, so the grain moves its flushed watermark (the hot/cold seam) up to it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FlushConfirmation(
    [property: Id(0)] string LogCluster,
    [property: Id(1)] string Topic,
    [property: Id(2)] int Partition,
    [property: Id(3)] long ThroughOffset,
    [property: Id(4)] long SnapshotId)
{
    /// <summary>Which of the grain's logs the partition feeds; the snapshot is of that kind's table.</summary>
    [Id(5)] public Avro.MarketDataRecordType Kind { get; init; } = Avro.MarketDataRecordType.Trade;
}
