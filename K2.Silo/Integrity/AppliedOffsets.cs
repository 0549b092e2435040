namespace K2.Silo.Integrity;

/// <summary>
/// A grain log's memory of which positions it has applied, over <see cref="ILogState{TSelf}.AppliedOffsets"/>.
/// Offsets within a partition only grow, so "applied" is "at or below the last applied offset". Keys carry the
/// Kafka cluster id when known: offsets of a recreated broker start again at 0 and must not read as applied. The map is
/// created by the first offset marked: batches handed in directly never need one.
/// </summary>
public static class AppliedOffsets
{
    public static string PartitionKey(string? cluster, string topic, int partition) =>
        string.IsNullOrEmpty(cluster) ? $"{topic}/{partition}" : $"{cluster}/{topic}/{partition}";

    public static long? Last(IReadOnlyDictionary<string, long>? offsets, string partitionKey) =>
        offsets is not null && offsets.TryGetValue(partitionKey, out var last) ? last : null;

    public static bool IsApplied<TState>(TState state, string partitionKey, long offset)
        where TState : class, ILogState<TState> =>
        Last(state.AppliedOffsets, partitionKey) is { } last && offset <= last;

    public static void MarkApplied<TState>(TState state, string partitionKey, long offset)
        where TState : class, ILogState<TState>
    {
        if (state.AppliedOffsets is not { } offsets)
        {
            // Created with its first entry: the state stores an empty map as none.
            state.AppliedOffsets = new Dictionary<string, long>(StringComparer.Ordinal) { [partitionKey] = offset };
        }
        else if (!offsets.TryGetValue(partitionKey, out var last) || offset > last)
        {
            offsets[partitionKey] = offset;
        }
    }
}
