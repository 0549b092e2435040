using K2.Contracts.Grains;
using K2.Contracts.Model;

namespace K2.Silo.Integrity;

/// <summary>
/// Classifies each quote of one symbol: quotes have no exchange sequence (no gaps, no resets), so a quote is a
/// duplicate when its message id is among the recent ones, and is otherwise accepted and numbered in arrival order.
/// Pure logic over <see cref="QuoteLogState"/>; the grain decides what to keep and when to persist.
/// </summary>
public sealed class QuoteTracker
{
    private readonly QuoteLogState _state;
    // Not readonly: a struct whose calls change it (its id lookup table, built once it holds enough ids).
    private MessageIdWindow _recentIds;

    public QuoteTracker(QuoteLogState state, IntegrityOptions options)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        _state = state;
        _recentIds = new MessageIdWindow(state, options.MessageIdWindow);
    }

    /// <summary>Accepted (with the platform sequence given) or a duplicate by message id.</summary>
    public TradeVerdict Track(Quote quote, out long platformSequence)
    {
        ArgumentNullException.ThrowIfNull(quote);
        platformSequence = 0;
        if (_recentIds.Contains(quote.MessageId))
        {
            _state.DuplicatesByMessageId++;
            return TradeVerdict.DuplicateByMessageId;
        }

        _recentIds.Add(quote.MessageId);
        platformSequence = ++_state.LastPlatformSequence;
        _state.Accepted++;
        _state.NewestRecordTime = NewestRecordTimes.After(_state.NewestRecordTime, platformSequence, quote.Timestamp);
        if (_state.LastQuoteTime is not { } last || quote.Timestamp > last)
        {
            _state.LastQuoteTime = quote.Timestamp;
        }

        return TradeVerdict.Accepted;
    }

    public void CountRejected() => _state.Rejected++;

    public QuoteIntegrity ToSummary() => Summarize(_state);

    /// <summary>The summary of a quote log's state, without a tracker over it (a grain that saw no quotes builds none).</summary>
    public static QuoteIntegrity Summarize(QuoteLogState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new()
        {
            Accepted = state.Accepted,
            DuplicatesByMessageId = state.DuplicatesByMessageId,
            Rejected = state.Rejected,
            LastPlatformSequence = state.LastPlatformSequence,
            LastQuoteTime = state.LastQuoteTime,
        };
    }
}
