using System.ComponentModel.DataAnnotations;

namespace K2.Lakehouse.Maintenance;

/// <summary>
/// What table maintenance does: compaction thresholds, snapshot retention, orphan-file safety age. Bound from
/// <c>K2:Maintenance</c>. Target file sizes are the writer's (<c>K2:Lakehouse</c> <c>TargetFileRows</c> and
/// <c>TargetFileSizeBytes</c>), so compacted files come out the same size as well-sized flushes.
/// </summary>
public sealed class MaintenanceOptions
{
    public const string SectionName = "K2:Maintenance";

    /// <summary>A partition is compacted when it holds more than this many small files.</summary>
    [Range(1, int.MaxValue)]
    public int MinSmallFilesPerPartition { get; set; } = 10;

    /// <summary>
    /// A file is small when it is below this fraction of both target sizes (bytes and rows). Below 1 so a file that
    /// is nearly full is not rewritten again and again (Java's default minimum is 0.75 of its target too).
    /// </summary>
    [Range(0.01, 1.0)]
    public double SmallFileFraction { get; set; } = 0.75;

    /// <summary>
    /// Bytes of small files rewritten per partition and run. Compaction holds a rewrite's rows in memory to sort
    /// them, so this bounds its memory; what is left over is picked up by the next run.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxRewriteBytesPerPartition { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// Manifests are merged when the current snapshot lists at least this many small ones. Every flush is a fast
    /// append with its own manifest, so without merging the list grows by one per flush for good, and every planner,
    /// compaction and expiry reads them all (Java's <c>commit.manifest.min-count-to-merge</c> is 100 too).
    /// </summary>
    [Range(2, int.MaxValue)]
    public int ManifestMergeMinCount { get; set; } = 100;

    /// <summary>
    /// Entries per merged manifest (about 1 KB each with column metrics, so a few MB, near Java's 8 MB target).
    /// A manifest holding fewer than half of this is small and is merged again.
    /// </summary>
    [Range(2, int.MaxValue)]
    public int ManifestTargetEntries { get; set; } = 10_000;

    /// <summary>Snapshots older than this are expired (time travel reaches back this far).</summary>
    public TimeSpan SnapshotRetention { get; set; } = TimeSpan.FromDays(5);

    /// <summary>The newest snapshots kept regardless of age; the current snapshot is always kept.</summary>
    [Range(1, int.MaxValue)]
    public int MinSnapshotsToKeep { get; set; } = 10;

    /// <summary>
    /// Unreferenced files younger than this are left alone: a writer publishes data files and manifests before its
    /// commit makes them referenced, so a young unreferenced file may be part of a commit in flight.
    /// </summary>
    public TimeSpan OrphanMinAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Snapshot summary properties with this prefix are copied from the parent into every snapshot maintenance
    /// commits (e.g. <c>k2.kafka.offsets</c>, which consumers resume from). Empty copies none.
    /// </summary>
    public string InheritedSummaryPrefix { get; set; } = "k2.";
}
