using K2.Lakehouse.Bars;
using K2.Lakehouse.Caching;
using K2.Lakehouse.Catalog;
using K2.Lakehouse.Commit;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Writing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace K2.Lakehouse.Configuration;

public static class LakehouseServiceExtensions
{
    /// <summary>
    /// Registers the lakehouse: options from <c>K2:Lakehouse</c> (validated at start), the warehouse storage
    /// <c>K2:Lakehouse:Storage</c> selects (local directory or Azure Blob Storage),
    /// the SQL catalog, writer, committer, planner (with its caches of immutable metadata files, <c>K2:Lakehouse:ScanCache</c>)
    /// and DuckDB reader. The host must register the catalog
    /// database's <c>NpgsqlDataSource</c>.
    /// </summary>
    public static IServiceCollection AddK2Lakehouse(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LakehouseOptions>()
            .Bind(configuration.GetSection(LakehouseOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.CommitRetryMinWait > TimeSpan.Zero && o.CommitRetryMaxWait >= o.CommitRetryMinWait, "K2:Lakehouse commit retry waits must be positive and ordered.")
            .ValidateOnStart();
        services.AddOptions<WarehouseStorageOptions>()
            .Bind(configuration.GetSection(WarehouseStorageOptions.SectionName))
            .Validate(
                o => o.Kind != WarehouseStorageKind.AzureBlob || (!string.IsNullOrWhiteSpace(o.AzureBlob.Container)
                    && (!string.IsNullOrWhiteSpace(o.AzureBlob.ConnectionString) || o.AzureBlob.ServiceUri is not null)),
                "K2:Lakehouse:Storage:AzureBlob needs Container and either ConnectionString or ServiceUri.")
            .ValidateOnStart();
        services.AddOptions<LakehouseOptions>()
            .Validate<IOptions<WarehouseStorageOptions>>(
                (o, storage) => storage.Value.Kind != WarehouseStorageKind.Local || !string.IsNullOrWhiteSpace(o.WarehousePath),
                "K2:Lakehouse:WarehousePath is required when the warehouse storage is local.");
        services.AddOptions<ScanCacheOptions>()
            .Bind(configuration.GetSection(ScanCacheOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<ManifestCache>();
        services.TryAddSingleton<MetadataCache>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(WarehouseStorageFactory.Create);
        services.TryAddSingleton<MetadataFileStore>();
        services.TryAddSingleton<SqlCatalogStore>();
        services.TryAddSingleton<IcebergCatalog>();
        services.TryAddSingleton<AppendCommitter>();
        services.TryAddSingleton<SchemaEvolution>();
        services.TryAddSingleton<DataFileWriter>();
        services.TryAddSingleton<ScanPlanner>();
        services.TryAddSingleton<BarSidecarIndex>();
        services.TryAddSingleton<SidecarBarCache>();
        services.TryAddSingleton<DuckDbMarketDataReader>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICacheStatisticsSource, ManifestCache>(sp => sp.GetRequiredService<ManifestCache>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICacheStatisticsSource, MetadataCache>(sp => sp.GetRequiredService<MetadataCache>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICacheStatisticsSource, BarSidecarIndex>(sp => sp.GetRequiredService<BarSidecarIndex>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICacheStatisticsSource, SidecarBarCache>(sp => sp.GetRequiredService<SidecarBarCache>()));
        return services;
    }
}
