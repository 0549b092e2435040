namespace K2.Lakehouse.Iceberg.Metadata;

/// <summary>Standard snapshot summary keys (spec Appendix F) and the append and replace summaries K2 writes.</summary>
public static class SnapshotSummary
{
    public const string Operation = "operation";
    public const string AddedDataFiles = "added-data-files";
    public const string AddedRecords = "added-records";
    public const string AddedFilesSize = "added-files-size";
    public const string ChangedPartitionCount = "changed-partition-count";
    public const string TotalRecords = "total-records";
    public const string TotalDataFiles = "total-data-files";
    public const string TotalFilesSize = "total-files-size";
    public const string TotalDeleteFiles = "total-delete-files";
    public const string TotalPositionDeletes = "total-position-deletes";
    public const string TotalEqualityDeletes = "total-equality-deletes";
    public const string DeletedDataFiles = "deleted-data-files";
    public const string DeletedRecords = "deleted-records";
    public const string RemovedFilesSize = "removed-files-size";

    public const string AppendOperation = "append";

    /// <summary>Files were rewritten without changing the table's rows (spec: operation <c>replace</c>).</summary>
    public const string ReplaceOperation = "replace";

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        Operation, AddedDataFiles, AddedRecords, AddedFilesSize, ChangedPartitionCount, TotalRecords, TotalDataFiles,
        TotalFilesSize, TotalDeleteFiles, TotalPositionDeletes, TotalEqualityDeletes, DeletedDataFiles, DeletedRecords,
        RemovedFilesSize,
    };

    /// <summary>True for keys K2 computes itself; callers may not override them.</summary>
    public static bool IsReserved(string key) => Reserved.Contains(key);

    /// <summary>
    /// The summary of an append on top of <paramref name="parent"/>: running totals continue from the parent's
    /// totals, so they stay right across rebases (the parent is re-read on every attempt).
    /// </summary>
    public static Dictionary<string, string> ForAppend(
        Snapshot? parent,
        long addedFiles,
        long addedRecords,
        long addedBytes,
        int changedPartitions,
        IReadOnlyDictionary<string, string> extra)
    {
        var summary = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in extra)
        {
            if (IsReserved(key))
            {
                throw new ArgumentException($"Snapshot summary key '{key}' is computed by the committer.", nameof(extra));
            }

            summary[key] = value;
        }

        summary[Operation] = AppendOperation;
        summary[AddedDataFiles] = Text(addedFiles);
        summary[AddedRecords] = Text(addedRecords);
        summary[AddedFilesSize] = Text(addedBytes);
        summary[ChangedPartitionCount] = Text(changedPartitions);
        summary[TotalRecords] = Text((parent?.Counter(TotalRecords) ?? 0) + addedRecords);
        summary[TotalDataFiles] = Text((parent?.Counter(TotalDataFiles) ?? 0) + addedFiles);
        summary[TotalFilesSize] = Text((parent?.Counter(TotalFilesSize) ?? 0) + addedBytes);
        summary[TotalDeleteFiles] = Text(parent?.Counter(TotalDeleteFiles) ?? 0);
        summary[TotalPositionDeletes] = Text(parent?.Counter(TotalPositionDeletes) ?? 0);
        summary[TotalEqualityDeletes] = Text(parent?.Counter(TotalEqualityDeletes) ?? 0);
        return summary;
    }

    /// <summary>
    /// The summary of a rewrite on top of <paramref name="parent"/>: the standard added/deleted counters, totals
    /// continued from the parent (records stay the same when the rewrite kept every row), and every parent property
    /// in <paramref name="inherited"/> carried over unchanged (e.g. the Kafka offsets consumers resume from).
    /// </summary>
    public static Dictionary<string, string> ForReplace(
        Snapshot parent,
        (long Files, long Records, long Bytes) added,
        (long Files, long Records, long Bytes) deleted,
        int changedPartitions,
        IReadOnlyDictionary<string, string> inherited)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var summary = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in inherited.Where(entry => !IsReserved(entry.Key)))
        {
            summary[key] = value;
        }

        summary[Operation] = ReplaceOperation;
        summary[AddedDataFiles] = Text(added.Files);
        summary[AddedRecords] = Text(added.Records);
        summary[AddedFilesSize] = Text(added.Bytes);
        summary[DeletedDataFiles] = Text(deleted.Files);
        summary[DeletedRecords] = Text(deleted.Records);
        summary[RemovedFilesSize] = Text(deleted.Bytes);
        summary[ChangedPartitionCount] = Text(changedPartitions);
        summary[TotalRecords] = Text(parent.Counter(TotalRecords) + added.Records - deleted.Records);
        summary[TotalDataFiles] = Text(parent.Counter(TotalDataFiles) + added.Files - deleted.Files);
        summary[TotalFilesSize] = Text(parent.Counter(TotalFilesSize) + added.Bytes - deleted.Bytes);
        summary[TotalDeleteFiles] = Text(parent.Counter(TotalDeleteFiles));
        summary[TotalPositionDeletes] = Text(parent.Counter(TotalPositionDeletes));
        summary[TotalEqualityDeletes] = Text(parent.Counter(TotalEqualityDeletes));
        return summary;
    }

    private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
