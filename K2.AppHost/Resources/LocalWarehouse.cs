namespace K2.AppHost.Resources;

internal static class LocalWarehouse
{
    /// <summary>Environment name of the lakehouse warehouse setting (<c>K2:Lakehouse:WarehousePath</c>) for a child process.</summary>
    public const string EnvironmentVariable = "K2__Lakehouse__WarehousePath";

    /// <summary>
    /// The warehouse directory every process of the local run reads and writes: <c>K2:Lakehouse:WarehousePath</c> when
    /// set, else <c>.k2/warehouse</c> beside the local PostgreSQL data, so the catalog and its files live together.
    /// </summary>
    public static string Resolve(IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        return Path.GetFullPath(builder.Configuration["K2:Lakehouse:WarehousePath"] ?? Path.Combine(repositoryRoot, ".k2", "warehouse"));
    }
}
