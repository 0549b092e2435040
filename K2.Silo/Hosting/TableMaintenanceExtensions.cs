using K2.Lakehouse.Configuration;
using K2.Lakehouse.Maintenance;
using K2.Silo.Maintenance;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace K2.Silo.Hosting;

public static class TableMaintenanceExtensions
{
    /// <summary>
    /// Scheduled Iceberg table maintenance: the lakehouse (catalog in the <c>k2db</c> database), the maintenance
    /// steps (<c>K2:Maintenance</c>) and the reminder schedule (<c>K2:Maintenance:Schedule</c>), validated at start.
    /// Without <c>K2:Lakehouse:WarehousePath</c> nothing is registered but a warning at start: a silo without a
    /// warehouse has no tables to maintain.
    /// </summary>
    public static IServiceCollection AddK2TableMaintenance(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration[$"{LakehouseOptions.SectionName}:{nameof(LakehouseOptions.WarehousePath)}"]))
        {
            services.AddHostedService<MaintenanceDisabledNotice>();
            return services;
        }

        // The Iceberg catalog lives in the silo's own database; another component may have registered it already.
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(configuration.GetK2DatabaseConnectionString()));
        services.AddK2Lakehouse(configuration);
        services.AddK2LakehouseMaintenance(configuration);
        services.AddOptions<MaintenanceScheduleOptions>()
            .Bind(configuration.GetSection(MaintenanceScheduleOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.Interval > TimeSpan.Zero, "K2:Maintenance:Schedule:Interval must be positive.")
            .Validate(o => o.Tables.All(TableNames.IsValid), "K2:Maintenance:Schedule:Tables holds a name that is not namespace.table.")
            .ValidateOnStart();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, MaintenanceScheduler>();
        return services;
    }
}
