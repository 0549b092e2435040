namespace K2.Silo.Integrity;

/// <summary>
/// The counters as <see cref="SymbolIntegrityState"/> stored them before they became its own fields (id 9): kept so
/// those rows still load; never written.
/// </summary>
[GenerateSerializer]
public sealed class IntegrityCounters
{
    [Id(0)] public long Accepted { get; set; }

    [Id(1)] public long Late { get; set; }

    [Id(2)] public long LateUnverified { get; set; }

    [Id(3)] public long DuplicatesBySequence { get; set; }

    [Id(4)] public long DuplicatesByMessageId { get; set; }

    [Id(5)] public long Rejected { get; set; }

    [Id(6)] public long SessionResets { get; set; }

    [Id(7)] public long GapsDetected { get; set; }

    [Id(8)] public long GapsClosed { get; set; }

    [Id(9)] public long RetiredGaps { get; set; }

    [Id(10)] public long RetiredMissingSequences { get; set; }

    /// <summary>Gives <paramref name="state"/> these stored counters (a stored state carries only one of the two forms).</summary>
    public void CopyTo(SymbolIntegrityState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Accepted = Accepted;
        state.Late = Late;
        state.LateUnverified = LateUnverified;
        state.DuplicatesBySequence = DuplicatesBySequence;
        state.DuplicatesByMessageId = DuplicatesByMessageId;
        state.Rejected = Rejected;
        state.SessionResets = SessionResets;
        state.GapsDetected = GapsDetected;
        state.GapsClosed = GapsClosed;
        state.RetiredGaps = RetiredGaps;
        state.RetiredMissingSequences = RetiredMissingSequences;
    }
}
