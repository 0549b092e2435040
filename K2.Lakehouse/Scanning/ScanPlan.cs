using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Iceberg.Metadata;

namespace K2.Lakehouse.Scanning;

/// <summary>How much a scan plan skipped, for tests and for logging slow queries.</summary>
public sealed record ScanMetrics(
    int ManifestsInSnapshot,
    int ManifestsSkipped,
    int DataFilesInScannedManifests,
    int DataFilesSkippedByPartition,
    int DataFilesSkippedByMetrics);

/// <summary>The data files a scan must read, for one snapshot (null when the table has no snapshot).</summary>
public sealed record ScanPlan(Snapshot? Snapshot, IReadOnlyList<DataFile> Files, ScanMetrics Metrics)
{
    public long RecordCount => Files.Sum(f => f.RecordCount);
}
