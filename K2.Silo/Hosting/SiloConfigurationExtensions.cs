namespace K2.Silo.Hosting;

/// <summary>Reads the settings a K2 silo cannot start without, failing with a message that says what to set.</summary>
public static class SiloConfigurationExtensions
{
    /// <summary>Name of the PostgreSQL connection string (<c>ConnectionStrings:k2db</c>).</summary>
    public const string DatabaseConnectionName = "k2db";

    /// <summary>The PostgreSQL connection string for Orleans membership, grain state and reminders.</summary>
    public static string GetK2DatabaseConnectionString(this IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(DatabaseConnectionName);
        return !string.IsNullOrWhiteSpace(connectionString)
            ? connectionString
            : throw new InvalidOperationException(
                $"ConnectionStrings:{DatabaseConnectionName} is not set. The silo keeps Orleans membership, grain state and " +
                $"reminders in PostgreSQL: set ConnectionStrings__{DatabaseConnectionName} (e.g. " +
                "Host=127.0.0.1;Port=55432;Username=postgres;Database=k2), or start a local server with " +
                "eng/postgres/k2-postgres.sh start <datadir> <port>, which prints one.");
    }

    /// <summary>The <see cref="K2ClusterOptions"/> from the <c>Orleans</c> section, defaults where unset.</summary>
    public static K2ClusterOptions GetK2ClusterOptions(this IConfiguration configuration) =>
        configuration.GetSection(K2ClusterOptions.SectionName).Get<K2ClusterOptions>() ?? new K2ClusterOptions();
}
