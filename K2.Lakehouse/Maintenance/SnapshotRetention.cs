using K2.Lakehouse.Iceberg.Metadata;

namespace K2.Lakehouse.Maintenance;

/// <summary>Which snapshots a retention policy expires (spec: Snapshot Retention Policy).</summary>
public static class SnapshotRetention
{
    /// <summary>
    /// Snapshots older than <paramref name="olderThanMs"/>, except the current snapshot, any snapshot a branch or tag
    /// points at, and the <paramref name="minSnapshotsToKeep"/> newest.
    /// </summary>
    public static IReadOnlyList<Snapshot> Expired(TableMetadata table, long olderThanMs, int minSnapshotsToKeep)
    {
        var kept = table.Snapshots
            .OrderByDescending(s => s.SequenceNumber)
            .Take(minSnapshotsToKeep)
            .Select(s => s.SnapshotId)
            .Concat(table.Refs.Values.Select(r => r.SnapshotId))
            .ToHashSet();
        if (table.CurrentSnapshotId is { } current)
        {
            kept.Add(current);
        }

        return table.Snapshots.Where(s => s.TimestampMs < olderThanMs && !kept.Contains(s.SnapshotId)).ToList();
    }
}
