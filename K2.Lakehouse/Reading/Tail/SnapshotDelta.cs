using K2.Lakehouse.Iceberg.Metadata;

namespace K2.Lakehouse.Reading.Tail;

/// <summary>
/// What happened to a table between an older snapshot and a newer one, as far as the newest rows of a symbol care:
/// the <c>append</c> snapshots in between (their added files hold every new row), when every step on the way only
/// appended files or replaced files with the same rows. Anything else (an overwrite or delete, a snapshot that
/// expired, a schema change, a newer snapshot that does not descend from the older one) has no delta: read again.
/// </summary>
internal static class SnapshotDelta
{
    /// <summary>
    /// The append snapshots after <paramref name="from"/> up to <paramref name="to"/>, oldest first; null when the
    /// rows of <paramref name="to"/> are not those of <paramref name="from"/> plus the files of those appends.
    /// </summary>
    public static IReadOnlyList<Snapshot>? AppendsSince(TableMetadata table, long from, Snapshot to)
    {
        var appends = new List<Snapshot>();
        var removedFiles = false;
        for (var step = to; step.SnapshotId != from;)
        {
            if (step.SchemaId is { } schema && schema != table.CurrentSchemaId)
            {
                return null;
            }

            switch (step.Operation)
            {
                case SnapshotSummary.AppendOperation:
                    if (removedFiles)
                    {
                        // A later replace (compaction) may have rewritten this append's files into files that also
                        // hold older rows: its added files are no longer what the table reads.
                        return null;
                    }

                    appends.Add(step);
                    break;
                case SnapshotSummary.ReplaceOperation:
                    // Same rows by definition of the operation (K2's compaction and manifest merge); a replace that
                    // removed data files only matters if an earlier append's files were among them (above).
                    removedFiles |= step.Counter(SnapshotSummary.DeletedDataFiles) > 0;
                    break;
                default:
                    return null;
            }

            if (step.ParentSnapshotId is not { } parent || table.Snapshots.FirstOrDefault(s => s.SnapshotId == parent) is not { } previous)
            {
                return null; // the chain does not reach the cached snapshot (expired, or not an ancestor)
            }

            step = previous;
        }

        appends.Reverse();
        return appends;
    }
}
