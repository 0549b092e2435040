namespace K2.Lakehouse.Iceberg.Metadata;

/// <summary>One table state (spec: Snapshots, v2). <see cref="Summary"/> always carries <c>operation</c>.</summary>
public sealed record Snapshot(
    long SnapshotId,
    long? ParentSnapshotId,
    long SequenceNumber,
    long TimestampMs,
    string ManifestList,
    IReadOnlyDictionary<string, string> Summary,
    int? SchemaId)
{
    public string Operation => Summary.TryGetValue(SnapshotSummary.Operation, out var operation) ? operation : "unknown";

    /// <summary>A numeric summary counter, or 0 when the snapshot did not record it.</summary>
    public long Counter(string key) => Summary.TryGetValue(key, out var value) && long.TryParse(value, out var number) ? number : 0;
}

/// <summary>An entry of <c>snapshot-log</c>: which snapshot became current, and when.</summary>
public sealed record SnapshotLogEntry(long TimestampMs, long SnapshotId);

/// <summary>An entry of <c>metadata-log</c>: a previous metadata file and when it was written.</summary>
public sealed record MetadataLogEntry(long TimestampMs, string MetadataFile);

/// <summary>A branch or tag (spec: Snapshot References). K2 only maintains the <c>main</c> branch.</summary>
public sealed record SnapshotReference(long SnapshotId, string Type)
{
    public const string Branch = "branch";
    public const string Tag = "tag";
    public const string Main = "main";
}
