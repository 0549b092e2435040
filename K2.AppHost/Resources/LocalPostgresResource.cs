namespace K2.AppHost.Resources;

/// <summary>
/// PostgreSQL from the machine's own binaries (no Docker), run by <c>eng/postgres/k2-postgres.sh</c>,
/// which initialises the data folder on first start and keeps it across runs.
/// </summary>
internal sealed class LocalPostgresResource(string name, string command, string workingDirectory, int port, string database)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public int Port { get; } = port;

    public string Database { get; } = database;

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={Database}";

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{ConnectionString}");
}
