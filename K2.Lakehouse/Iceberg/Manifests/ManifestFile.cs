namespace K2.Lakehouse.Iceberg.Manifests;

public enum ManifestContent
{
    Data = 0,
    Deletes = 1,
}

/// <summary>Summary of one partition field across a manifest (spec: <c>field_summary</c>).</summary>
public sealed record PartitionFieldSummary(bool ContainsNull, bool? ContainsNan, byte[]? LowerBound, byte[]? UpperBound);

/// <summary>A manifest as listed in a manifest list (spec v2 <c>manifest_file</c>).</summary>
public sealed record ManifestFile
{
    public required string Path { get; init; }

    public required long Length { get; init; }

    public required int PartitionSpecId { get; init; }

    public ManifestContent Content { get; init; } = ManifestContent.Data;

    public required long SequenceNumber { get; init; }

    public required long MinSequenceNumber { get; init; }

    public required long AddedSnapshotId { get; init; }

    public required int AddedFilesCount { get; init; }

    public required int ExistingFilesCount { get; init; }

    public required int DeletedFilesCount { get; init; }

    public required long AddedRowsCount { get; init; }

    public required long ExistingRowsCount { get; init; }

    public required long DeletedRowsCount { get; init; }

    public required IReadOnlyList<PartitionFieldSummary> Partitions { get; init; }
}
