using System.Diagnostics;
using Npgsql;

namespace K2.Silo.Persistence;

/// <summary>
/// Applies K2's Orleans schema (<see cref="OrleansSchemaScripts"/>) to a PostgreSQL database. The scripts are
/// idempotent, so this runs at every silo start; one transaction holding an advisory lock makes silos that start
/// together take turns instead of racing on the same DDL.
/// </summary>
public sealed partial class OrleansSchemaInstaller
{
    private readonly string connectionString;
    private readonly OrleansSchemaOptions options;
    private readonly ILogger<OrleansSchemaInstaller> logger;

    public OrleansSchemaInstaller(string connectionString, OrleansSchemaOptions options, ILogger<OrleansSchemaInstaller> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        this.connectionString = connectionString;
        this.options = options;
        this.logger = logger;
    }

    /// <summary>
    /// Applies every script, retrying transient failures (e.g. the database is still starting) with exponential
    /// backoff up to <see cref="OrleansSchemaOptions.MaxAttempts"/>.
    /// </summary>
    public async Task InstallAsync(CancellationToken cancellationToken = default)
    {
        var scripts = OrleansSchemaScripts.Load();
        var database = new NpgsqlConnectionStringBuilder(connectionString);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var elapsed = Stopwatch.StartNew();
                await ApplyAsync(scripts, cancellationToken);
                LogInstalled(scripts.Count, database.Host, database.Port, database.Database, elapsed.ElapsedMilliseconds);
                return;
            }
            catch (NpgsqlException exception) when (exception.IsTransient && attempt < options.MaxAttempts)
            {
                var delay = options.RetryDelay(attempt);
                LogRetrying(exception, attempt, options.MaxAttempts, database.Host, database.Port, database.Database, delay);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    private async Task ApplyAsync(IReadOnlyList<(string Name, string Sql)> scripts, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var prepare = CreateCommand(connection, transaction,
            // The scripts' IF NOT EXISTS clauses would otherwise send a NOTICE per object at every start.
            "SET LOCAL client_min_messages = warning; SELECT pg_advisory_xact_lock(@lockKey)"))
        {
            prepare.Parameters.AddWithValue("lockKey", options.AdvisoryLockKey);
            await prepare.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var (name, sql) in scripts)
        {
            LogApplyingScript(name);
            await using var command = CreateCommand(connection, transaction, sql);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private NpgsqlCommand CreateCommand(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql) =>
        new(sql, connection, transaction) { CommandTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds) };

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Orleans schema applied ({ScriptCount} scripts) to {Host}:{Port}/{Database} in {ElapsedMs} ms")]
    private partial void LogInstalled(int scriptCount, string? host, int port, string? database, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Orleans schema not applied yet (attempt {Attempt} of {MaxAttempts}) to {Host}:{Port}/{Database}; retrying in {Delay}")]
    private partial void LogRetrying(Exception exception, int attempt, int maxAttempts, string? host, int port, string? database, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Applying Orleans schema script {Script}")]
    private partial void LogApplyingScript(string script);
}
