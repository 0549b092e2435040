using K2.Contracts.Model;

namespace K2.Silo.Flush;

/// <summary>
/// The accepted records of one kind (trades, quotes) buffered since the last commit, and the Kafka offsets of their
/// topics' partitions they account for. A partition appears in <see cref="Offsets"/> even when none of its messages
/// produced a record (all duplicates): the commit still moves its offset on, so those messages are not read again.
/// </summary>
public sealed record FlushBatch<TRecord>(IReadOnlyList<TRecord> Records, IReadOnlyDictionary<TopicPartition, OffsetRange> Offsets)
    where TRecord : class, IMarketDataRecord;
