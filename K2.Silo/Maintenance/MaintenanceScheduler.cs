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
                await grains.GetGrain<ITableMaintenanceGrain>(table).ScheduleAsync();
                LogScheduled(table, options.Value.Interval);
            }
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Maintenance of {Table} scheduled every {Interval}")]
    private partial void LogScheduled(string table, TimeSpan interval);
}
