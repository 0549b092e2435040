using Confluent.Kafka;
using K2.Contracts.Avro;
using K2.Contracts.Grains;
using K2.Contracts.Model;

namespace K2.Silo.Ingest;

/// <summary>
/// One symbol's share of one partition in a poll batch (its trades or its quotes), and what has been done with it.
/// Kept across retries of the batch, so a retry redoes only the steps that failed (a grain call that succeeded is not
/// repeated, a dead letter not re-sent).
/// </summary>
internal abstract class SymbolWork(SymbolKey key, Flush.TopicPartition partition)
{
    private readonly List<TradePosition> _positions = [];
    private readonly List<ConsumeResult<byte[]?, byte[]?>> _records = [];

    public SymbolKey Key { get; } = key;

    public Flush.TopicPartition Partition { get; } = partition;

    public string Topic => Partition.Topic;

    public abstract MarketDataRecordType Kind { get; }

    public IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> Records => _records;

    protected IReadOnlyList<TradePosition> Positions => _positions;

    public long LastOffset => _positions[^1].Offset;

    /// <summary>The grain's answer once its call succeeded.</summary>
    public IngestResult? Result { get; set; }

    public bool RejectionsDeadLettered { get; set; }

    public bool GapsPublished { get; set; }

    /// <summary>Hands the symbol's records to its grain in one call.</summary>
    public abstract ValueTask<IngestResult> IngestAsync(ISymbolGrain grain);

    /// <summary>The record each rejection came from, in order, matched by message id (a batch may repeat one).</summary>
    public IEnumerable<(TradeRejection Rejection, ConsumeResult<byte[]?, byte[]?> Record)> RejectedRecords(IReadOnlyList<TradeRejection> rejections)
    {
        // The usual batch has no rejection: skip indexing every record of it (a queue per message id).
        if (rejections.Count == 0)
        {
            yield break;
        }

        var byMessageId = new Dictionary<Guid, Queue<int>>();
        for (var i = 0; i < _records.Count; i++)
        {
            var messageId = MessageIdAt(i);
            if (!byMessageId.TryGetValue(messageId, out var indices))
            {
                byMessageId[messageId] = indices = new Queue<int>();
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

    protected abstract Guid MessageIdAt(int index);

    protected void AddPosition(ConsumeResult<byte[]?, byte[]?> record)
    {
        _positions.Add(new TradePosition(record.Partition.Value, record.Offset.Value));
        _records.Add(record);
    }
}

/// <inheritdoc cref="SymbolWork"/>
internal sealed class SymbolWork<TRecord>(
    LogRecordKind<TRecord> kind,
    SymbolKey key,
    Flush.TopicPartition partition,
    string logCluster,
    long runStart,
    long? previousOffset) : SymbolWork(key, partition)
    where TRecord : class, IMarketDataRecord
{
    private readonly List<TRecord> _items = [];

    public override MarketDataRecordType Kind => kind.Type;

    public IReadOnlyList<TRecord> Items => _items;

    public void Add(TRecord item, ConsumeResult<byte[]?, byte[]?> record)
    {
        _items.Add(item);
        AddPosition(record);
    }

    public override ValueTask<IngestResult> IngestAsync(ISymbolGrain grain) =>
        kind.IngestAsync(grain, new LogSlice<TRecord>(Topic, _items, Positions, logCluster, runStart, previousOffset));

    /// <summary>The accepted records stamped with the platform sequence the grain gave each.</summary>
    public IEnumerable<TRecord> Accepted()
    {
        var sequences = Result?.PlatformSequences ?? [];
        for (var i = 0; i < sequences.Count; i++)
        {
            if (sequences[i] > 0)
            {
                yield return kind.Numbered(_items[i], sequences[i]);
            }
        }
    }

    protected override Guid MessageIdAt(int index) => _items[index].MessageId;
}
