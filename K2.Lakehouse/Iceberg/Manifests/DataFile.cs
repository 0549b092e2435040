namespace K2.Lakehouse.Iceberg.Manifests;

/// <summary>
/// A data file as tracked in manifests (spec: the v2 <c>data_file</c> struct). Metrics maps are keyed by field id;
/// bounds hold Appendix D single-value bytes.
/// </summary>
public sealed record DataFile
{
    /// <summary>Java and Python write the format name upper-case; the spec names it case-insensitively.</summary>
    public const string ParquetFormat = "PARQUET";

    public required string Location { get; init; }

    public string FileFormat { get; init; } = ParquetFormat;

    public required int SpecId { get; init; }

    public required PartitionData Partition { get; init; }

    public required long RecordCount { get; init; }

    public required long FileSizeInBytes { get; init; }

    public IReadOnlyDictionary<int, long> ColumnSizes { get; init; } = new Dictionary<int, long>();

    public IReadOnlyDictionary<int, long> ValueCounts { get; init; } = new Dictionary<int, long>();

    public IReadOnlyDictionary<int, long> NullValueCounts { get; init; } = new Dictionary<int, long>();

    public IReadOnlyDictionary<int, byte[]> LowerBounds { get; init; } = new Dictionary<int, byte[]>();

    public IReadOnlyDictionary<int, byte[]> UpperBounds { get; init; } = new Dictionary<int, byte[]>();

    /// <summary>Row group start offsets, ascending, so engines can split the file at row groups.</summary>
    public IReadOnlyList<long> SplitOffsets { get; init; } = [];

    public int? SortOrderId { get; init; }
}
