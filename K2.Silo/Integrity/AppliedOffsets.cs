namespace K2.Silo.Integrity;

/// <summary>
/// The grain's memory of which log positions it has applied, over <see cref="SymbolIntegrityState.AppliedOffsets"/>.
/// Offsets within a partition only grow, so "applied" is "at or below the last applied offset". Keys carry the
/// Kafka cluster id when known: offsets of a recreated broker start again at 0 and must not read as applied.
/// </summary>
public sealed class AppliedOffsets(SymbolIntegrityState state)
{
    private readonly Dictionary<string, long> _offsets = state.AppliedOffsets;

    public static string PartitionKey(string? cluster, string topic, int partition) =>
        string.IsNullOrEmpty(cluster) ? $"{topic}/{partition}" : $"{cluster}/{topic}/{partition}";

    public static long? Last(SymbolIntegrityState state, string partitionKey) =>
        state.AppliedOffsets.TryGetValue(partitionKey, out var last) ? last : null;

    public long? Last(string partitionKey) => Last(state, partitionKey);

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
