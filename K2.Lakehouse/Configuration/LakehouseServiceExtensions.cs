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
    /// Registers the lakehouse: options from <c>K2:Lakehouse</c> (validated at start), local warehouse storage,
    /// the SQL catalog, writer, committer, planner and DuckDB reader. The host must register the catalog
    /// database's <c>NpgsqlDataSource</c>.
    /// </summary>
    public static IServiceCollection AddK2Lakehouse(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LakehouseOptions>()
            .Bind(configuration.GetSection(LakehouseOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.CommitRetryMinWait > TimeSpan.Zero && o.CommitRetryMaxWait >= o.CommitRetryMinWait, "K2:Lakehouse commit retry waits must be positive and ordered.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWarehouseStorage>(sp => new LocalWarehouseStorage(sp.GetRequiredService<IOptions<LakehouseOptions>>().Value.WarehousePath));
        services.TryAddSingleton<MetadataFileStore>();
        services.TryAddSingleton<SqlCatalogStore>();
        services.TryAddSingleton<IcebergCatalog>();
        services.TryAddSingleton<AppendCommitter>();
        services.TryAddSingleton<SchemaEvolution>();
        services.TryAddSingleton<DataFileWriter>();
        services.TryAddSingleton<ScanPlanner>();
        services.TryAddSingleton<DuckDbMarketDataReader>();
        return services;
    }
}
