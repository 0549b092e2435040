using K2.Contracts.Grains;

namespace K2.Silo.Integrity;

internal static class IntegritySummaryMapping
{
    public static IntegritySummary ToSummary(this SymbolIntegrityState state, SymbolKey key)
    {
        var counters = state.Counters;
        return new IntegritySummary
        {
            Exchange = key.Exchange,
            Symbol = key.Symbol,
            Session = state.Session,
            SessionStartedAt = state.SessionStartedAt,
            LastSequence = state.HighWaterMark,
            LastPlatformSequence = state.LastPlatformSequence,
            LastTradeTime = state.LastTradeTime,
            Accepted = counters.Accepted,
            Late = counters.Late,
            LateUnverified = counters.LateUnverified,
            DuplicatesBySequence = counters.DuplicatesBySequence,
            DuplicatesByMessageId = counters.DuplicatesByMessageId,
            Rejected = counters.Rejected,
            SessionResets = counters.SessionResets,
            GapsDetected = counters.GapsDetected,
            GapsClosed = counters.GapsClosed,
            MissingSequences = state.OpenGaps.Sum(gap => gap.Missing),
            OpenGaps = [.. state.OpenGaps],
            RetiredGaps = counters.RetiredGaps,
            RetiredMissingSequences = counters.RetiredMissingSequences,
            LastIngestAt = state.LastIngestAt,
        };
    }
}
