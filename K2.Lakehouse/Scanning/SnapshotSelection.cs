using K2.Lakehouse.Iceberg.Metadata;

namespace K2.Lakehouse.Scanning;

/// <summary>Which table state a scan reads: the current snapshot, a snapshot by id, or the state as of an instant.</summary>
public abstract record SnapshotSelection
{
    public static SnapshotSelection Current { get; } = new CurrentSnapshot();

    public static SnapshotSelection ById(long snapshotId) => new SnapshotWithId(snapshotId);

    public static SnapshotSelection AsOf(DateTimeOffset instant) => new SnapshotAsOf(instant);

    /// <summary>The selected snapshot, or null for a table without snapshots (an empty scan).</summary>
    public abstract Snapshot? Resolve(TableMetadata table);

    private sealed record CurrentSnapshot : SnapshotSelection
    {
        public override Snapshot? Resolve(TableMetadata table) => table.CurrentSnapshot;
    }

    private sealed record SnapshotWithId(long SnapshotId) : SnapshotSelection
    {
        public override Snapshot? Resolve(TableMetadata table) => table.Snapshot(SnapshotId);
    }

    /// <summary>
    /// Spec Appendix F, "Point in Time Reads": use the snapshot log, which records what was current when, and
    /// take the last entry at or before the instant. No entry that early is an error, not an empty table.
    /// </summary>
    private sealed record SnapshotAsOf(DateTimeOffset Instant) : SnapshotSelection
    {
        public override Snapshot? Resolve(TableMetadata table)
        {
            var cutoff = Instant.ToUnixTimeMilliseconds();
            var entry = table.SnapshotLog.LastOrDefault(e => e.TimestampMs <= cutoff)
                ?? throw new InvalidOperationException($"Table has no snapshot at or before {Instant:O}.");
            return table.Snapshot(entry.SnapshotId);
        }
    }
}
