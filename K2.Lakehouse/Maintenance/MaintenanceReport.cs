using K2.Lakehouse.Tables;

namespace K2.Lakehouse.Maintenance;

/// <summary>What one maintenance run did to a table, step by step.</summary>
/// <param name="Table">The table.</param>
/// <param name="Compactions">Partitions compacted (before a failure, if there was one).</param>
/// <param name="CompactionFailure">Why compaction stopped early, or null; the later steps ran anyway.</param>
/// <param name="ManifestMerge">What manifest merging did, or null when it failed.</param>
/// <param name="ManifestMergeFailure">Why manifest merging failed, or null; expiry and orphan removal ran anyway.</param>
/// <param name="Expiry">What snapshot expiry did.</param>
/// <param name="Orphans">What orphan-file removal did.</param>
public sealed record MaintenanceReport(
    TableIdentifier Table,
    IReadOnlyList<CompactionResult> Compactions,
    Exception? CompactionFailure,
    ManifestMergeResult? ManifestMerge,
    Exception? ManifestMergeFailure,
    ExpiryResult Expiry,
    OrphanRemovalResult Orphans);
