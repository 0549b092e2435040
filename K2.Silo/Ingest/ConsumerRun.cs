using K2.Contracts.Grains;
using K2.Silo.Flush;

namespace K2.Silo.Ingest;

/// <summary>
/// Where the consumer stands in each partition it owns: the offset the lakehouse table records (where the current run
/// of the partition began, moved on by each commit) and, per symbol, the last offset it handed that symbol's grain.
/// A grain checks every batch against these, so a grain and a consumer that disagree notice before applying anything.
/// </summary>
internal sealed class ConsumerRun
{
    private readonly Dictionary<TopicPartition, long> _tableOffsets = [];
    private readonly Dictionary<(SymbolKey Symbol, TopicPartition Partition), long> _lastSent = [];

    /// <summary>Starts (or restarts) a partition at the table's offset: no symbol has been sent anything in this run.</summary>
    public void Start(TopicPartition partition, long tableOffset)
    {
        _tableOffsets[partition] = tableOffset;
        ForgetSent(partition);
    }

    public void Stop(TopicPartition partition)
    {
        _tableOffsets.Remove(partition);
        ForgetSent(partition);
    }

    public void Clear()
    {
        _tableOffsets.Clear();
        _lastSent.Clear();
    }

    public bool Owns(TopicPartition partition) => _tableOffsets.ContainsKey(partition);

    /// <summary>The offset the table records for the partition (0 when it records none).</summary>
    public long TableOffset(TopicPartition partition) => _tableOffsets.GetValueOrDefault(partition);

    public long? LastSent(SymbolKey symbol, TopicPartition partition) =>
        _lastSent.TryGetValue((symbol, partition), out var offset) ? offset : null;

    public void Sent(SymbolKey symbol, TopicPartition partition, long offset) => _lastSent[(symbol, partition)] = offset;

    /// <summary>A commit moved the table on: later prepares use the new offset as their base.</summary>
    public void Committed(TopicPartition partition, long next)
    {
        if (_tableOffsets.ContainsKey(partition))
        {
            _tableOffsets[partition] = next;
        }
    }

    private void ForgetSent(TopicPartition partition)
    {
        foreach (var key in _lastSent.Keys.Where(key => key.Partition == partition).ToList())
        {
            _lastSent.Remove(key);
        }
    }
}
