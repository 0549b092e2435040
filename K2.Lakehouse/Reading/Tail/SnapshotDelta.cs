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
    /// The append snapshots after snapshot <paramref name="fromId"/> (sequence number <paramref name="fromSequence"/>)
    /// up to <paramref name="to"/>, oldest first; null when the rows of <paramref name="to"/> are not those of the
    /// older snapshot plus the files of those appends, or when more than <paramref name="maxSteps"/> snapshots lie in
    /// between (reading the table again is then cheaper than walking them).
    /// </summary>
    public static IReadOnlyList<Snapshot>? AppendsSince(TableMetadata table, long fromId, long fromSequence, Snapshot to, int maxSteps)
    {
        var byId = table.Snapshots.ToDictionary(s => s.SnapshotId);
        var appends = new List<Snapshot>();
        var removedFiles = false;
        for (var (step, steps) = (to, 0); step.SnapshotId != fromId; steps++)
        {
            if (steps == maxSteps || step.SequenceNumber <= fromSequence || (step.SchemaId is { } schema && schema != table.CurrentSchemaId))
            {
                return null; // too far, past the older snapshot without meeting it (not an ancestor), or another schema
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

            if (step.ParentSnapshotId is not { } parent || !byId.TryGetValue(parent, out var previous))
            {
                return null; // the chain does not reach the older snapshot (expired)
            }

            step = previous;
        }

        appends.Reverse();
        return appends;
    }
}
