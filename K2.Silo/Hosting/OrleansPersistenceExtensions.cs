using K2.Silo.Persistence;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;

namespace K2.Silo.Hosting;

/// <summary>Puts a K2 silo's Orleans state (membership, grain state, reminders) in PostgreSQL.</summary>
public static class OrleansPersistenceExtensions
{
    /// <summary>ADO.NET provider invariant Orleans resolves to Npgsql's factory.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>
    /// Configures ADO.NET clustering, the <see cref="K2StorageNames.Symbols"/> grain storage and the reminder table
    /// on the PostgreSQL database <paramref name="connectionString"/> points at, and applies K2's Orleans schema there
    /// during start-up (<see cref="OrleansSchemaInstaller"/>), so an empty database is enough. Adds the
    /// <see cref="PostgresHealthCheck"/> for that database.
    /// </summary>
    public static ISiloBuilder UseK2Postgres(this ISiloBuilder silo, string connectionString, Action<OrleansSchemaOptions>? configureSchema = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresInvariant;
            options.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(K2StorageNames.Symbols, options =>
        {
            options.Invariant = PostgresInvariant;
            options.ConnectionString = GrainStorageConnection.For(connectionString);
        });

        // Orleans' binary serializer instead of the provider's JSON default: a symbol's state (its message-id ring and
        // a flush checkpoint) is written at every flush, and JSON made it several times larger and slower. Written into
        // an exact-size array rather than Orleans' doubling buffer (see ExactSizeGrainStorageSerializer).
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(K2StorageNames.Symbols)
            .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new ExactSizeGrainStorageSerializer(serializer));
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = PostgresInvariant;
            options.ConnectionString = connectionString;
        });

        var schemaOptions = silo.Services.AddOptions<OrleansSchemaOptions>();
        if (configureSchema is not null)
        {
            schemaOptions.Configure(configureSchema);
        }

        silo.Services.AddSingleton(services => new OrleansSchemaInstaller(
            connectionString,
            services.GetRequiredService<IOptions<OrleansSchemaOptions>>().Value,
            services.GetRequiredService<ILogger<OrleansSchemaInstaller>>()));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, OrleansSchemaLifecycleParticipant>();
        silo.Services.AddHealthChecks().AddCheck(PostgresHealthCheck.Name, new PostgresHealthCheck(connectionString));
        return silo;
    }
}
