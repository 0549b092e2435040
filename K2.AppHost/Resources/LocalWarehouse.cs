namespace K2.AppHost.Resources;

/// <summary>
/// Where the local run keeps its Iceberg warehouse: <c>K2:LocalWarehouse:Path</c>, by default <c>.k2/warehouse</c>
/// beside the PostgreSQL data folder, so a restart resumes from the existing tables.
/// </summary>
public static class LocalWarehouse
{
    public const string PathSetting = "K2:LocalWarehouse:Path";

    /// <summary>The environment variable that binds <c>K2:Lakehouse:WarehousePath</c> in the silo and the API.</summary>
    public const string EnvironmentVariable = "K2__Lakehouse__WarehousePath";

    public static string GetK2WarehousePath(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        return Path.GetFullPath(builder.Configuration[PathSetting] ?? Path.Combine(repositoryRoot, ".k2", "warehouse"));
    }
}
