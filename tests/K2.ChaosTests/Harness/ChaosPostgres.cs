using System.Globalization;
using K2.Testing.Postgres;

namespace K2.ChaosTests.Harness;

/// <summary>
/// A PostgreSQL server of the chaos run's own (its own data directory and port, started with
/// <c>eng/postgres/k2-postgres.sh</c>), so a scenario can stop it under load and start it again on the same port.
/// Holds the silos' Orleans state and the Iceberg catalog.
/// </summary>
public sealed class ChaosPostgres
{
    private readonly int _port;

    private ChaosPostgres(string dataDirectory, int port, string connectionString)
    {
        DataDirectory = dataDirectory;
        _port = port;
        ConnectionString = connectionString;
    }

    public string DataDirectory { get; }

    /// <summary>Connection string of the <c>k2</c> database, as the script prints it.</summary>
    public string ConnectionString { get; }

    public static ChaosPostgres Start(string dataDirectory)
    {
        var port = LoopbackPorts.Free();
        var connectionString = K2PostgresScript.Run("start", dataDirectory, port.ToString(CultureInfo.InvariantCulture));
        return new ChaosPostgres(dataDirectory, port, connectionString);
    }

    /// <summary>Fast shutdown: open sessions are terminated and new connections refused until <see cref="Resume"/>.</summary>
    public void Stop() => K2PostgresScript.Run("stop", DataDirectory);

    public void Resume() => K2PostgresScript.Run("start", DataDirectory, _port.ToString(CultureInfo.InvariantCulture));
}
