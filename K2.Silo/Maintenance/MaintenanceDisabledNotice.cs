namespace K2.Silo.Maintenance;

/// <summary>Says at start that this silo schedules no table maintenance because no warehouse is configured.</summary>
internal sealed partial class MaintenanceDisabledNotice(ILogger<MaintenanceDisabledNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogDisabled();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "K2:Lakehouse:WarehousePath is not set: no Iceberg table maintenance (compaction, snapshot expiry, orphan removal) runs on this silo")]
    private partial void LogDisabled();
}
