using Npgsql;
using Xunit;

namespace K2.Testing.Postgres;

/// <summary>
/// An empty database of its own on the shared <see cref="PostgresServer"/>, named <c>k2_test_&lt;random&gt;</c> and
/// dropped on dispose. Use it as an xunit fixture (<c>IClassFixture&lt;TestDatabase&gt;</c>) or create one with
/// <see cref="CreateAsync"/> inside a test.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>Prefix of every test database name, so leftovers are easy to spot and drop.</summary>
    public const string NamePrefix = "k2_test_";

    private PostgresServer? server;
    private bool disposed;

    /// <summary>The database name; only lowercase letters, digits and underscores.</summary>
    public string Name { get; } = NamePrefix + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Connection string for this database.</summary>
    public string ConnectionString => Server.ConnectionStringFor(Name);

    /// <summary>The server holding the database.</summary>
    public PostgresServer Server => server ?? throw new InvalidOperationException($"{nameof(TestDatabase)} {Name} is not created yet; await {nameof(InitializeAsync)} or use {nameof(CreateAsync)}.");

    /// <summary>Creates a fresh database.</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await database.InitializeAsync();
        return database;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        server = await PostgresServer.GetAsync();
        await ExecuteOnMaintenanceDatabaseAsync($"CREATE DATABASE {QuotedName}");
    }

    /// <summary>Terminates the database's connections and drops it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed || server is null)
        {
            return;
        }

        disposed = true;
        // This process's pooled connections would otherwise point at a dropped database.
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteOnMaintenanceDatabaseAsync(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()",
            ("name", Name));
        await ExecuteOnMaintenanceDatabaseAsync($"DROP DATABASE IF EXISTS {QuotedName} WITH (FORCE)");
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Runs <paramref name="sql"/> against this database and maps each row with <paramref name="read"/>.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = CreateCommand(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    // Database names cannot be parameters; Name is generated here from [a-z0-9_], quoting is belt and braces.
    private string QuotedName => "\"" + Name + "\"";

    private async Task ExecuteOnMaintenanceDatabaseAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionStringFor(PostgresServer.MaintenanceDatabase));
        await connection.OpenAsync();
        await using var command = CreateCommand(connection, sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlCommand CreateCommand(NpgsqlConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
