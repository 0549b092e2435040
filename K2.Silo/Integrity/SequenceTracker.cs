using K2.Contracts.Grains;
using K2.Contracts.Model;

namespace K2.Silo.Integrity;

/// <summary>
/// Classifies each trade of one symbol against its sequence history: in order, gap, late fill, duplicate
/// (by sequence or by message id), or session reset. Pure logic over <see cref="SymbolIntegrityState"/>;
/// the grain decides what to keep and when to persist.
/// </summary>
public sealed class SequenceTracker
{
    private readonly SymbolIntegrityState _state;
    // Not readonly: a struct whose calls change it (its hash set, built once it holds enough ids).
    private MessageIdWindow _recentIds;
    private readonly GapList _gaps;
    private readonly SessionCalendar _calendar;

    public SequenceTracker(SymbolIntegrityState state, IntegrityOptions options, string exchange)
        : this(state, options, new SessionCalendar(options, exchange))
    {
    }

    /// <summary>A tracker over <paramref name="state"/> whose session boundaries come from <paramref name="calendar"/>, the exchange's calendar its symbols share (see <see cref="SessionCalendars"/>).</summary>
    public SequenceTracker(SymbolIntegrityState state, IntegrityOptions options, SessionCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(calendar);
        _state = state;
        _recentIds = new MessageIdWindow(state, options.MessageIdWindow);
        _gaps = new GapList(state, options.MaxOpenGaps);
        _calendar = calendar;
    }

    public SymbolIntegrityState State => _state;

    /// <summary>
    /// Classifies <paramref name="trade"/> and updates the state. For accepted verdicts the platform sequence
    /// assigned to the trade is returned; <paramref name="newGap"/> is set when the trade opened a gap.
    /// </summary>
    public TradeVerdict Track(Trade trade, DateTimeOffset now, out long platformSequence, out SequenceGap? newGap)
    {
        ArgumentNullException.ThrowIfNull(trade);
        platformSequence = 0;
        newGap = null;

        if (_recentIds.Contains(trade.MessageId))
        {
            _state.DuplicatesByMessageId++;
            return TradeVerdict.DuplicateByMessageId;
        }

        var verdict = trade.SourceSequence is { } sequence
            ? ClassifySequenced(sequence, trade.Timestamp, now, out newGap)
            : TradeVerdict.Accepted;

        if (verdict == TradeVerdict.DuplicateBySequence)
        {
            _state.DuplicatesBySequence++;
            return verdict;
        }

        _recentIds.Add(trade.MessageId);
        platformSequence = ++_state.LastPlatformSequence;
        _state.Accepted++;
        _state.NewestRecordTime = NewestRecordTimes.After(_state.NewestRecordTime, platformSequence, trade.Timestamp);
        if (_state.LastTradeTime is not { } last || trade.Timestamp > last)
        {
            _state.LastTradeTime = trade.Timestamp;
        }

        _state.SessionStartedAt ??= trade.Timestamp;
        return verdict;
    }

    public void CountRejected() => _state.Rejected++;

    private TradeVerdict ClassifySequenced(long sequence, DateTimeOffset tradeTime, DateTimeOffset now, out SequenceGap? newGap)
    {
        newGap = null;
        if (_state.HighWaterMark is not { } highWater)
        {
            _state.HighWaterMark = sequence;
            return TradeVerdict.Accepted;
        }

        if (sequence > highWater)
        {
            if (sequence > highWater + 1)
            {
                newGap = _gaps.Open(highWater + 1, sequence - 1, now);
            }

            _state.HighWaterMark = sequence;
            return TradeVerdict.Accepted;
        }

        // At or below the high-water mark. A session boundary comes first: a restarted feed's low sequence
        // may well fall inside an old gap, and must not be taken for a late fill of the previous session.
        if (_state.LastTradeTime is { } lastTradeTime && _calendar.IsNewSession(tradeTime, lastTradeTime))
        {
            StartSession(sequence, tradeTime);
            return TradeVerdict.SessionReset;
        }

        var gapIndex = _gaps.IndexOf(sequence);
        if (gapIndex >= 0)
        {
            _gaps.Fill(gapIndex, sequence);
            _state.Late++;
            return TradeVerdict.Late;
        }

        if (_state.UnverifiableUpTo is { } floor && sequence <= floor)
        {
            _state.LateUnverified++;
            return TradeVerdict.LateUnverified;
        }

        return TradeVerdict.DuplicateBySequence;
    }

    private void StartSession(long sequence, DateTimeOffset tradeTime)
    {
        _gaps.RetireAll();
        _state.Session++;
        _state.SessionStartedAt = tradeTime;
        _state.HighWaterMark = sequence;
        _state.SessionResets++;

        // The new session's clock starts here; the previous session's later trade times no longer apply.
        _state.LastTradeTime = tradeTime;
    }
}
