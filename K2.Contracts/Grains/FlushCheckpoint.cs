namespace K2.Contracts.Grains;

/// <summary>
/// Sent by a consumer to each symbol grain it fed since its last flush, before that flush's Iceberg commit: "every
/// message of this partition below <see cref="ThroughOffset"/> is about to be committed; the table now records
/// <see cref="BaseOffset"/>". The grain persists its state as the checkpoint at <see cref="ThroughOffset"/> and keeps
/// the one at <see cref="BaseOffset"/>, so whichever of the two the table ends up recording, a replay from it meets
/// exactly the verdicts that were committed. <see cref="LastSentOffset"/> is the last offset of the partition the
/// consumer sent this grain: a grain that does not stand there (it was reactivated and lost verdicts the consumer
/// buffered) refuses, because checkpointing its older state at <see cref="ThroughOffset"/> would pair the table's rows
/// with verdicts it never kept.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FlushCheckpoint(
    [property: Id(0)] string LogCluster,
    [property: Id(1)] string Topic,
    [property: Id(2)] int Partition,
    [property: Id(3)] long BaseOffset,
    [property: Id(4)] long ThroughOffset,
    [property: Id(5)] long? LastSentOffset = null);
