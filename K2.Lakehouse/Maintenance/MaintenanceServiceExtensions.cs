using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace K2.Lakehouse.Maintenance;

public static class MaintenanceServiceExtensions
{
    /// <summary>
    /// Registers table maintenance (compaction, manifest merging, snapshot expiry, orphan-file removal) with its options from
    /// <c>K2:Maintenance</c>, validated at start. Needs the lakehouse itself (<c>AddK2Lakehouse</c>).
    /// </summary>
    public static IServiceCollection AddK2LakehouseMaintenance(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MaintenanceOptions>()
            .Bind(configuration.GetSection(MaintenanceOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.SnapshotRetention >= TimeSpan.Zero, "K2:Maintenance:SnapshotRetention must not be negative.")
            .Validate(o => o.OrphanMinAge > TimeSpan.Zero, "K2:Maintenance:OrphanMinAge must be positive: files of commits in flight are unreferenced for a moment.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RewriteCommitter>();
        services.TryAddSingleton<Compactor>();
        services.TryAddSingleton<ManifestMerger>();
        services.TryAddSingleton<SnapshotExpirer>();
        services.TryAddSingleton<OrphanFileRemover>();
        services.TryAddSingleton<TableMaintenance>();
        return services;
    }
}
