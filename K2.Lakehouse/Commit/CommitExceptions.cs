using K2.Lakehouse.Tables;

namespace K2.Lakehouse.Commit;

/// <summary>Every attempt lost the race; nothing was committed and the attempt's metadata files were removed.</summary>
public sealed class CommitFailedException(TableIdentifier table, int attempts)
    : Exception($"Commit to {table} failed after {attempts} attempt(s): the table kept changing underneath.")
{
    public TableIdentifier Table { get; } = table;

    public int Attempts { get; } = attempts;
}

/// <summary>
/// The pointer swap failed without an answer (connection lost, cancelled mid-statement): the commit may or may not
/// have happened. Nothing is deleted, because the new metadata might now be current; reload the table to find out.
/// </summary>
public sealed class CommitStateUnknownException(TableIdentifier table, string metadataLocation, Exception inner)
    : Exception($"Commit to {table} has an unknown outcome; {metadataLocation} may be current.", inner)
{
    public TableIdentifier Table { get; } = table;

    public string MetadataLocation { get; } = metadataLocation;
}
