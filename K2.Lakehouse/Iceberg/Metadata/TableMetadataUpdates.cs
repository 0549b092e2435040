using K2.Lakehouse.Iceberg.Types;

namespace K2.Lakehouse.Iceberg.Metadata;

/// <summary>The metadata transitions K2 performs: create a table, add a snapshot, add a schema, remove snapshots.</summary>
public static class TableMetadataUpdates
{
    public static TableMetadata NewTable(
        Guid tableUuid,
        string location,
        IcebergSchema schema,
        PartitionSpec spec,
        SortOrder sortOrder,
        IReadOnlyDictionary<string, string> properties,
        long nowMs) => new()
        {
            TableUuid = tableUuid,
            Location = location,
            LastSequenceNumber = 0,
            LastUpdatedMs = nowMs,
            LastColumnId = schema.HighestFieldId,
            Schemas = [schema],
            CurrentSchemaId = schema.SchemaId,
            PartitionSpecs = [spec],
            DefaultSpecId = spec.SpecId,
            LastPartitionId = spec.LastFieldId,
            Properties = properties,
            CurrentSnapshotId = null,
            Snapshots = [],
            SnapshotLog = [],
            MetadataLog = [],
            SortOrders = [sortOrder],
            DefaultSortOrderId = sortOrder.OrderId,
            Refs = new Dictionary<string, SnapshotReference>(StringComparer.Ordinal),
        };

    /// <summary>
    /// Timestamps of successive metadata versions strictly increase, so the snapshot log orders commits
    /// unambiguously even when two land in the same millisecond (time travel picks by timestamp).
    /// </summary>
    public static long NextTimestampMs(TableMetadata current, long nowMs) => Math.Max(nowMs, current.LastUpdatedMs + 1);

    /// <summary>Makes <paramref name="snapshot"/> the current snapshot of the main branch.</summary>
    public static TableMetadata AddSnapshot(
        TableMetadata current,
        string currentLocation,
        Snapshot snapshot,
        int maxMetadataLogEntries)
    {
        if (snapshot.SequenceNumber <= current.LastSequenceNumber)
        {
            throw new InvalidOperationException("A new snapshot needs a sequence number above the table's last one.");
        }

        var refs = new Dictionary<string, SnapshotReference>(current.Refs, StringComparer.Ordinal)
        {
            [SnapshotReference.Main] = new SnapshotReference(snapshot.SnapshotId, SnapshotReference.Branch),
        };
        return current with
        {
            LastSequenceNumber = snapshot.SequenceNumber,
            LastUpdatedMs = snapshot.TimestampMs,
            CurrentSnapshotId = snapshot.SnapshotId,
            Snapshots = [.. current.Snapshots, snapshot],
            SnapshotLog = [.. current.SnapshotLog, new SnapshotLogEntry(snapshot.TimestampMs, snapshot.SnapshotId)],
            MetadataLog = AppendLog(current, currentLocation, maxMetadataLogEntries),
            Refs = refs,
        };
    }

    /// <summary>Adds <paramref name="schema"/> and makes it current, raising <c>last-column-id</c> as needed.</summary>
    public static TableMetadata AddSchema(
        TableMetadata current,
        string currentLocation,
        IcebergSchema schema,
        long nowMs,
        int maxMetadataLogEntries) => current with
        {
            Schemas = [.. current.Schemas, schema],
            CurrentSchemaId = schema.SchemaId,
            LastColumnId = Math.Max(current.LastColumnId, schema.HighestFieldId),
            LastUpdatedMs = NextTimestampMs(current, nowMs),
            MetadataLog = AppendLog(current, currentLocation, maxMetadataLogEntries),
        };

    /// <summary>
    /// Removes expired snapshots (spec: Snapshot Retention Policy), together with any reference to them. The snapshot
    /// log keeps only the entries after the last removed one, as Java does: an older entry would make a point-in-time
    /// read in the expired period silently return an earlier snapshot instead of failing.
    /// </summary>
    public static TableMetadata RemoveSnapshots(
        TableMetadata current,
        string currentLocation,
        IReadOnlySet<long> snapshotIds,
        long nowMs,
        int maxMetadataLogEntries)
    {
        if (current.CurrentSnapshotId is { } currentId && snapshotIds.Contains(currentId))
        {
            throw new InvalidOperationException("The current snapshot cannot be removed.");
        }

        var log = new List<SnapshotLogEntry>();
        foreach (var entry in current.SnapshotLog)
        {
            if (snapshotIds.Contains(entry.SnapshotId) || current.Snapshots.All(s => s.SnapshotId != entry.SnapshotId))
            {
                log.Clear();
            }
            else
            {
                log.Add(entry);
            }
        }

        return current with
        {
            Snapshots = current.Snapshots.Where(s => !snapshotIds.Contains(s.SnapshotId)).ToList(),
            SnapshotLog = log,
            Refs = current.Refs.Where(r => !snapshotIds.Contains(r.Value.SnapshotId)).ToDictionary(StringComparer.Ordinal),
            LastUpdatedMs = NextTimestampMs(current, nowMs),
            MetadataLog = AppendLog(current, currentLocation, maxMetadataLogEntries),
        };
    }

    private static List<MetadataLogEntry> AppendLog(TableMetadata current, string currentLocation, int maxEntries)
    {
        var log = current.MetadataLog.Append(new MetadataLogEntry(current.LastUpdatedMs, currentLocation)).ToList();
        return log.Count > maxEntries ? log.GetRange(log.Count - maxEntries, maxEntries) : log;
    }
}
