namespace K2.Silo.Maintenance;

/// <summary>
/// Maintenance of one Iceberg table (key <c>namespace.table</c>). One activation per table in the cluster, so runs
/// of a table never overlap, whichever silo the reminder fires on.
/// </summary>
public interface ITableMaintenanceGrain : IGrainWithStringKey
{
    /// <summary>Registers (or updates to the configured interval) the reminder that runs maintenance.</summary>
    Task ScheduleAsync();

    /// <summary>Runs compaction, snapshot expiry and orphan-file removal now; null when the table does not exist yet.</summary>
    Task<TableMaintenanceRun?> RunNowAsync();
}
