using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace K2.Testing.Postgres;

/// <summary>
/// The PostgreSQL server the tests of this process share, started on first use. When <see cref="EnvironmentVariable"/>
/// holds a server-level connection string (./test.sh sets it), that server is used; otherwise a throwaway server is
/// started in a temp directory with <see cref="K2PostgresScript"/> and stopped and deleted after the process exits
/// (<see cref="ThrowawayServerReaper"/>).
/// Tests get their own database from <see cref="TestDatabase"/> rather than using the server directly.
/// </summary>
public sealed class PostgresServer
{
    /// <summary>Environment variable with a server-level connection string, e.g. <c>Host=127.0.0.1;Port=55432;Username=postgres</c>.</summary>
    public const string EnvironmentVariable = "K2_TEST_POSTGRES";

    /// <summary>Database every PostgreSQL server has; administrative commands connect to it.</summary>
    public const string MaintenanceDatabase = "postgres";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(() => Task.Run(StartOrConnect));

    private PostgresServer(string connectionString) => ConnectionString = connectionString;

    /// <summary>Server-level connection string (no database).</summary>
    public string ConnectionString { get; }

    /// <summary>The shared server, started or connected to by the first caller.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>A connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    private static PostgresServer StartOrConnect()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(configured)
            ? StartThrowawayServer()
            : new PostgresServer(WithoutDatabase(configured));
    }

    private static PostgresServer StartThrowawayServer()
    {
        var root = Directory.CreateTempSubdirectory("k2-test-pg-").FullName;
        var dataDirectory = Path.Combine(root, "data");
        try
        {
            var printed = K2PostgresScript.Run("start", dataDirectory, FreeLoopbackPort().ToString(CultureInfo.InvariantCulture));
            ThrowawayServerReaper.CleanUpAfterThisProcess(dataDirectory, root);
            return new PostgresServer(WithoutDatabase(printed));
        }
        catch
        {
            StopAndDelete(root, dataDirectory);
            throw;
        }
    }

    private static void StopAndDelete(string root, string dataDirectory)
    {
        try
        {
            K2PostgresScript.Run("stop", dataDirectory);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // The port is free when asked; another process could take it before postgres binds, which then fails loudly.
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string WithoutDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Remove("Database");
        return builder.ConnectionString;
    }
}
