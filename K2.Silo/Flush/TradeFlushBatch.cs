using K2.Contracts.Model;

namespace K2.Silo.Flush;

/// <summary>
/// The accepted trades buffered since the last commit, and the Kafka offsets they account for. A partition appears
/// in <see cref="Offsets"/> even when none of its messages produced a trade (all duplicates): the commit still moves
/// its offset on, so those messages are not read again.
/// </summary>
public sealed record TradeFlushBatch(IReadOnlyList<Trade> Trades, IReadOnlyDictionary<TopicPartition, OffsetRange> Offsets);
