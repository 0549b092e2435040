using Microsoft.Extensions.Options;

namespace K2.Silo.Maintenance;

/// <summary>
/// Once the silo is active, makes sure every configured table's maintenance reminder exists with the configured
/// interval. Every silo does this on start; registering an existing reminder again only updates it.
/// </summary>
internal sealed partial class MaintenanceScheduler(
    IGrainFactory grains,
    IOptions<MaintenanceScheduleOptions> options,
    ILogger<MaintenanceScheduler> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(MaintenanceScheduler), ServiceLifecycleStage.Active, async _ =>
        {
            foreach (var table in options.Value.Tables)
            {
                try
                {
                    await grains.GetGrain<ITableMaintenanceGrain>(table).ScheduleAsync();
                    LogScheduled(table, options.Value.Interval);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Maintenance must not stop a silo from serving; a reminder registered earlier keeps firing,
                    // and the next silo start registers it again.
                    LogNotScheduled(table, exception);
                }
            }
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Maintenance of {Table} scheduled every {Interval}")]
    private partial void LogScheduled(string table, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not schedule maintenance of {Table}")]
    private partial void LogNotScheduled(string table, Exception exception);
}
