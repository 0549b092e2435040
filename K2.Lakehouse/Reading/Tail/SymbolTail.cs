namespace K2.Lakehouse.Reading.Tail;

/// <summary>
/// The newest rows of one symbol in one table state: at most the cache's rows per symbol, newest first in
/// <see cref="HistoryKey"/> order, as of <see cref="SnapshotId"/>, read without a seam. <see cref="Complete"/>: these
/// are all of the symbol's rows in that snapshot, so a page may run past them (it ends there).
/// </summary>
internal sealed record SymbolTail<T>(long SnapshotId, long SequenceNumber, int SchemaId, IReadOnlyList<T> Rows, bool Complete)
{
    /// <summary>
    /// The rows of a newest-first page: after the window's keyset position, kept by its seam, at most its limit.
    /// Null when the tail cannot settle the page (it holds fewer matching rows than the limit and is not complete).
    /// </summary>
    public List<T>? Page(HistoryWindow window, Func<T, HistoryKey> keyOf, Func<T, long?> sequenceOf)
    {
        var rows = new List<T>(Math.Min(window.Limit, Rows.Count));
        var hot = window.Seam is { HotSequences.Count: > 0 } seam ? seam.HotSequences.ToHashSet() : null;
        foreach (var row in Rows)
        {
            if (window.After is { } after && keyOf(row) >= after)
            {
                continue;
            }

            if (hot is not null && Shadowed(window.Seam!.FlushedThroughSequence, hot, sequenceOf(row)))
            {
                continue;
            }

            rows.Add(row);
            if (rows.Count == window.Limit)
            {
                return rows;
            }
        }

        return Complete ? rows : null;
    }

    // Exactly HistorySql's seam predicate: a row without a platform sequence, or at or below the watermark, is cold.
    private static bool Shadowed(long watermark, HashSet<long> hot, long? sequence) =>
        sequence is { } value && value > watermark && hot.Contains(value);
}
