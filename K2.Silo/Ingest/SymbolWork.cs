using Confluent.Kafka;
using K2.Contracts.Grains;
using K2.Contracts.Model;

namespace K2.Silo.Ingest;

/// <summary>
/// One symbol's share of one partition in a poll batch, and what has been done with it. Kept across retries of the
/// batch, so a retry redoes only the steps that failed (a grain call that succeeded is not repeated, a dead letter
/// not re-sent).
/// </summary>
internal sealed class SymbolWork(SymbolKey key, Flush.TopicPartition partition, string logCluster, long runStart, long? previousOffset)
{
    private readonly List<Trade> _trades = [];
    private readonly List<TradePosition> _positions = [];
    private readonly List<ConsumeResult<byte[]?, byte[]?>> _records = [];

    public SymbolKey Key { get; } = key;

    public Flush.TopicPartition Partition { get; } = partition;

    public string Topic => Partition.Topic;

    public IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> Records => _records;

    public IReadOnlyList<Trade> Trades => _trades;

    public long LastOffset => _positions[^1].Offset;

    /// <summary>The grain's answer once its call succeeded.</summary>
    public IngestResult? Result { get; set; }

    public bool RejectionsDeadLettered { get; set; }

    public bool GapsPublished { get; set; }

    public void Add(Trade trade, ConsumeResult<byte[]?, byte[]?> record)
    {
        _trades.Add(trade);
        _positions.Add(new TradePosition(record.Partition.Value, record.Offset.Value));
        _records.Add(record);
    }

    public TradeBatch ToBatch() => TradeBatch.FromLog(Topic, _trades, _positions) with
    {
        LogCluster = logCluster,
        RunStartOffset = runStart,
        PreviousOffset = previousOffset,
    };

    /// <summary>The accepted trades stamped with the platform sequence the grain gave each.</summary>
    public IEnumerable<Trade> AcceptedTrades()
    {
        var sequences = Result?.PlatformSequences ?? [];
        for (var i = 0; i < sequences.Count; i++)
        {
            if (sequences[i] > 0)
            {
                yield return _trades[i] with { PlatformSequence = sequences[i] };
            }
        }
    }

    /// <summary>The record each rejection came from, in order, matched by message id (a batch may repeat one).</summary>
    public IEnumerable<(TradeRejection Rejection, ConsumeResult<byte[]?, byte[]?> Record)> RejectedRecords(IReadOnlyList<TradeRejection> rejections)
    {
        var byMessageId = new Dictionary<Guid, Queue<int>>();
        for (var i = 0; i < _trades.Count; i++)
        {
            if (!byMessageId.TryGetValue(_trades[i].MessageId, out var indices))
            {
                byMessageId[_trades[i].MessageId] = indices = new Queue<int>();
            }

            indices.Enqueue(i);
        }

        foreach (var rejection in rejections)
        {
            if (byMessageId.TryGetValue(rejection.MessageId, out var indices) && indices.TryDequeue(out var index))
            {
                yield return (rejection, _records[index]);
            }
        }
    }
}
