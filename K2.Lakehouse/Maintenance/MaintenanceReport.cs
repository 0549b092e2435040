using K2.Lakehouse.Tables;

namespace K2.Lakehouse.Maintenance;

/// <summary>What one maintenance run did to a table, step by step.</summary>
public sealed record MaintenanceReport(
    TableIdentifier Table,
    IReadOnlyList<CompactionResult> Compactions,
    ExpiryResult Expiry,
    OrphanRemovalResult Orphans);
