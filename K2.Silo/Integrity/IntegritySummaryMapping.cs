using K2.Contracts.Grains;

namespace K2.Silo.Integrity;

internal static class IntegritySummaryMapping
{
    public static IntegritySummary ToSummary(this SymbolIntegrityState state, SymbolKey key)
    {
        return new IntegritySummary
        {
            Exchange = key.Exchange,
            Symbol = key.Symbol,
            Session = state.Session,
            SessionStartedAt = state.SessionStartedAt,
            LastSequence = state.HighWaterMark,
            LastPlatformSequence = state.LastPlatformSequence,
            LastTradeTime = state.LastTradeTime,
            Accepted = state.Accepted,
            Late = state.Late,
            LateUnverified = state.LateUnverified,
            DuplicatesBySequence = state.DuplicatesBySequence,
            DuplicatesByMessageId = state.DuplicatesByMessageId,
            Rejected = state.Rejected,
            SessionResets = state.SessionResets,
            GapsDetected = state.GapsDetected,
            GapsClosed = state.GapsClosed,
            MissingSequences = state.OpenGaps.Sum(gap => gap.Missing),
            OpenGaps = [.. state.OpenGaps],
            RetiredGaps = state.RetiredGaps,
            RetiredMissingSequences = state.RetiredMissingSequences,
            LastIngestAt = state.LastIngestAt,
        };
    }
}
