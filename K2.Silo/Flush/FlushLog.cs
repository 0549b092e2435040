namespace K2.Silo.Flush;

/// <summary>The lakehouse flushers' log messages.</summary>
internal static partial class FlushLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Committed {Table} snapshot {SnapshotId}: {Rows} rows in {Files} file(s) after {Attempts} attempt(s)")]
    public static partial void Committed(ILogger logger, string table, long? snapshotId, int rows, int files, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flush of {Table} fenced off, nothing committed: {Reason}")]
    public static partial void Fenced(ILogger logger, string table, string reason);
}
