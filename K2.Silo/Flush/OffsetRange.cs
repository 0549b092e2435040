namespace K2.Silo.Flush;

/// <summary>
/// The Kafka offsets of one partition a flush covers: it began reading at <see cref="Start"/> (where the table said
/// to resume) and has processed everything before <see cref="Next"/>.
/// </summary>
public readonly record struct OffsetRange(long Start, long Next);
