namespace K2.Silo.Integrity;

/// <summary>
/// Keeps <see cref="ILogState{TSelf}.NewestRecordTime"/>: the bound that lets the query API serve a newest-first page
/// from the hot window alone (docs/api.md, "Hot-only pages"). It must never be lower than a record the log accepted,
/// so a state that accepted records before it was kept stays unknown (null) rather than start from a guess.
/// </summary>
internal static class NewestRecordTimes
{
    /// <summary>The bound after accepting a record at <paramref name="time"/> numbered <paramref name="platformSequence"/>.</summary>
    public static DateTimeOffset? After(DateTimeOffset? newest, long platformSequence, DateTimeOffset time)
    {
        // Sequence 1 is the log's first record ever: from here on every accepted record is measured.
        if (platformSequence == 1)
        {
            return time;
        }

        return newest is { } known ? (time > known ? time : known) : null;
    }
}
