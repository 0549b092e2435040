namespace K2.Silo.Integrity;

/// <summary>
/// A grain log's memory of which positions it has applied, over <see cref="ILogState{TSelf}.AppliedOffsets"/>.
/// Offsets within a partition only grow, so "applied" is "at or below the last applied offset". Keys carry the
/// Kafka cluster id when known: offsets of a recreated broker start again at 0 and must not read as applied.
/// </summary>
public sealed class AppliedOffsets(Dictionary<string, long> offsets)
{
    private readonly Dictionary<string, long> _offsets = offsets;

    public static string PartitionKey(string? cluster, string topic, int partition) =>
        string.IsNullOrEmpty(cluster) ? $"{topic}/{partition}" : $"{cluster}/{topic}/{partition}";

    public static long? Last(IReadOnlyDictionary<string, long> offsets, string partitionKey) =>
        offsets.TryGetValue(partitionKey, out var last) ? last : null;

    public long? Last(string partitionKey) => Last(_offsets, partitionKey);

    public bool IsApplied(string partitionKey, long offset) =>
        _offsets.TryGetValue(partitionKey, out var last) && offset <= last;

    public void MarkApplied(string partitionKey, long offset)
    {
        if (!_offsets.TryGetValue(partitionKey, out var last) || offset > last)
        {
            _offsets[partitionKey] = offset;
        }
    }
}
