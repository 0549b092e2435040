using K2.Contracts.Grains;

namespace K2.Silo.Integrity;

/// <summary>
/// The grain's memory of which log positions it has applied, over <see cref="SymbolIntegrityState.AppliedOffsets"/>.
/// Offsets within a partition only grow, so "applied" is "at or below the last applied offset".
/// </summary>
public sealed class AppliedOffsets(SymbolIntegrityState state)
{
    private readonly Dictionary<string, long> _offsets = state.AppliedOffsets;

    public static string PartitionKey(string topic, int partition) => $"{topic}/{partition}";

    public bool IsApplied(string topic, TradePosition position) =>
        _offsets.TryGetValue(PartitionKey(topic, position.Partition), out var last) && position.Offset <= last;

    public void MarkApplied(string topic, TradePosition position)
    {
        var key = PartitionKey(topic, position.Partition);
        if (!_offsets.TryGetValue(key, out var last) || position.Offset > last)
        {
            _offsets[key] = position.Offset;
        }
    }
}
