using K2.Lakehouse.Iceberg.Types;

namespace K2.Lakehouse.Iceberg.Metadata;

/// <summary>
/// The content of a v2 <c>metadata.json</c> (spec: Table Metadata). Immutable: every change produces a new
/// instance that is written to a new file and swapped in through the catalog.
/// </summary>
public sealed record TableMetadata
{
    public const int SupportedFormatVersion = 2;

    public int FormatVersion { get; init; } = SupportedFormatVersion;

    public required Guid TableUuid { get; init; }

    /// <summary>The table's base location URI, e.g. <c>file:///warehouse/market_data/trades</c>.</summary>
    public required string Location { get; init; }

    public required long LastSequenceNumber { get; init; }

    public required long LastUpdatedMs { get; init; }

    public required int LastColumnId { get; init; }

    public required IReadOnlyList<IcebergSchema> Schemas { get; init; }

    public required int CurrentSchemaId { get; init; }

    public required IReadOnlyList<PartitionSpec> PartitionSpecs { get; init; }

    public required int DefaultSpecId { get; init; }

    public required int LastPartitionId { get; init; }

    public required IReadOnlyDictionary<string, string> Properties { get; init; }

    public long? CurrentSnapshotId { get; init; }

    public required IReadOnlyList<Snapshot> Snapshots { get; init; }

    public required IReadOnlyList<SnapshotLogEntry> SnapshotLog { get; init; }

    public required IReadOnlyList<MetadataLogEntry> MetadataLog { get; init; }

    public required IReadOnlyList<SortOrder> SortOrders { get; init; }

    public required int DefaultSortOrderId { get; init; }

    public required IReadOnlyDictionary<string, SnapshotReference> Refs { get; init; }

    public IcebergSchema CurrentSchema => Schema(CurrentSchemaId);

    public PartitionSpec DefaultSpec => Spec(DefaultSpecId);

    public SortOrder DefaultSortOrder => SortOrders.FirstOrDefault(o => o.OrderId == DefaultSortOrderId) ?? SortOrder.Unsorted;

    public Snapshot? CurrentSnapshot => CurrentSnapshotId is { } id ? Snapshot(id) : null;

    public IcebergSchema Schema(int schemaId) =>
        Schemas.FirstOrDefault(s => s.SchemaId == schemaId) ?? throw new InvalidDataException($"Schema {schemaId} is not in the table metadata.");

    public PartitionSpec Spec(int specId) =>
        PartitionSpecs.FirstOrDefault(s => s.SpecId == specId) ?? throw new InvalidDataException($"Partition spec {specId} is not in the table metadata.");

    public Snapshot Snapshot(long snapshotId) =>
        Snapshots.FirstOrDefault(s => s.SnapshotId == snapshotId) ?? throw new KeyNotFoundException($"Snapshot {snapshotId} is not in the table metadata.");

    /// <summary>Snapshots from the current one back to the first, following <c>parent-snapshot-id</c>.</summary>
    public IEnumerable<Snapshot> CurrentAncestry()
    {
        var byId = Snapshots.ToDictionary(s => s.SnapshotId);
        var next = CurrentSnapshotId;
        while (next is { } id && byId.TryGetValue(id, out var snapshot))
        {
            yield return snapshot;
            next = snapshot.ParentSnapshotId;
        }
    }
}
