using K2.Lakehouse.Catalog;
using K2.Lakehouse.Maintenance;
using Microsoft.Extensions.Options;

namespace K2.Silo.Maintenance;

/// <summary>
/// Runs <see cref="TableMaintenance"/> for its table on an Orleans reminder. Reminders are durable (kept in
/// PostgreSQL) and fire on whichever silo is alive, so the schedule survives restarts; the grain is not reentrant,
/// so a tick that arrives while a run is still going waits for it instead of overlapping it.
/// Every change maintenance commits goes through the catalog compare-and-swap, so it never blocks or loses a
/// concurrent flush (see docs/lakehouse.md, Maintenance).
/// </summary>
internal sealed partial class TableMaintenanceGrain(
    TableMaintenance maintenance,
    IOptions<MaintenanceScheduleOptions> schedule,
    TimeProvider time,
    ILogger<TableMaintenanceGrain> logger) : Grain, ITableMaintenanceGrain, IRemindable
{
    public const string ReminderName = "table-maintenance";

    private readonly MaintenanceScheduleOptions _schedule = schedule.Value;

    /// <summary>
    /// The first tick is the next multiple of the interval, so registering again (every silo does on every start)
    /// keeps the same schedule instead of restarting the countdown.
    /// </summary>
    public Task ScheduleAsync()
    {
        var interval = _schedule.Interval;
        var dueTime = interval - TimeSpan.FromTicks(time.GetUtcNow().UtcTicks % interval.Ticks);
        return this.RegisterOrUpdateReminder(ReminderName, dueTime, interval);
    }

    public Task<TableMaintenanceRun?> RunNowAsync() => RunAsync(CancellationToken.None);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        try
        {
            await RunAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The next tick tries again; whatever a failed run left unreferenced, orphan removal collects later.
            LogFailed(this.GetPrimaryKeyString(), exception);
        }
    }

    private async Task<TableMaintenanceRun?> RunAsync(CancellationToken cancellationToken)
    {
        var name = this.GetPrimaryKeyString();
        MaintenanceReport report;
        try
        {
            report = await maintenance.RunAsync(TableNames.Parse(name), cancellationToken);
        }
        catch (NoSuchTableException)
        {
            LogNoTable(name);
            return null;
        }

        if (report.CompactionFailure is { } failure)
        {
            LogCompactionFailed(name, failure);
        }

        if (report.ManifestMergeFailure is { } mergeFailure)
        {
            LogManifestMergeFailed(name, mergeFailure);
        }

        var run = TableMaintenanceRun.From(report);
        LogRun(run.Table, run.CompactedPartitions, run.FilesRewritten, run.FilesWritten, run.AbortedCompactions, run.ManifestsMerged, run.ExpiredSnapshots, run.DeletedFiles, run.OrphansDeleted);
        return run;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Maintenance of {Table}: compacted {Partitions} partition(s), {Before} files into {After}, {Aborted} compaction(s) aborted by concurrent changes; merged {Manifests} small manifest(s); expired {Snapshots} snapshot(s), deleted {Deleted} file(s); removed {Orphans} orphan file(s)")]
    private partial void LogRun(string table, int partitions, int before, int after, int aborted, int manifests, int snapshots, int deleted, int orphans);

    [LoggerMessage(Level = LogLevel.Error, Message = "Manifest merging of {Table} failed; snapshot expiry and orphan removal ran anyway, the next run merges again")]
    private partial void LogManifestMergeFailed(string table, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Compaction of {Table} failed; snapshot expiry and orphan removal ran anyway, the next run compacts again")]
    private partial void LogCompactionFailed(string table, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Maintenance of {Table} skipped: the table does not exist yet")]
    private partial void LogNoTable(string table);

    [LoggerMessage(Level = LogLevel.Error, Message = "Maintenance of {Table} failed; the next reminder tick retries")]
    private partial void LogFailed(string table, Exception exception);
}
