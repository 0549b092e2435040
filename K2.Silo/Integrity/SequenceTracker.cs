using K2.Contracts.Grains;
using K2.Contracts.Model;

namespace K2.Silo.Integrity;

/// <summary>
/// Classifies each trade of one symbol against its sequence history: in order, gap, late fill, duplicate
/// (by sequence or by message id), or session reset. Pure logic over <see cref="SymbolIntegrityState"/>;
/// the grain decides what to keep and when to persist.
/// </summary>
/// <remarks>
/// A struct its grain holds in a (non-readonly) field: one object and reference fewer per symbol grain (24 B;
/// docs/benchmarks.md, "Session 11"). Like its message-id window, a copy must not be kept and used: it would share the
/// state but not an id lookup table built later.
/// </remarks>
public struct SequenceTracker
{
    // Not readonly: a struct whose calls change it (its id lookup table, built once it holds enough ids).
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
        _recentIds = new MessageIdWindow(state, options.MessageIdWindow);
        _gaps = new GapList(state, options.MaxOpenGaps);
        _calendar = calendar;
    }

    // The state the gap list works on is the tracker's: held once, not in a field of each.
    public readonly SymbolIntegrityState State => _gaps.State;

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
            State.DuplicatesByMessageId++;
            return TradeVerdict.DuplicateByMessageId;
        }

        var verdict = trade.SourceSequence is { } sequence
            ? ClassifySequenced(sequence, trade.Timestamp, now, out newGap)
            : TradeVerdict.Accepted;

        if (verdict == TradeVerdict.DuplicateBySequence)
        {
            State.DuplicatesBySequence++;
            return verdict;
        }

        _recentIds.Add(trade.MessageId);
        platformSequence = ++State.LastPlatformSequence;
        State.Accepted++;
        State.NewestRecordTime = NewestRecordTimes.After(State.NewestRecordTime, platformSequence, trade.Timestamp);
        if (State.LastTradeTime is not { } last || trade.Timestamp > last)
        {
            State.LastTradeTime = trade.Timestamp;
        }

        State.SessionStartedAt ??= trade.Timestamp;
        return verdict;
    }

    public void CountRejected() => State.Rejected++;

    private TradeVerdict ClassifySequenced(long sequence, DateTimeOffset tradeTime, DateTimeOffset now, out SequenceGap? newGap)
    {
        newGap = null;
        if (State.HighWaterMark is not { } highWater)
        {
            State.HighWaterMark = sequence;
            return TradeVerdict.Accepted;
        }

        if (sequence > highWater)
        {
            if (sequence > highWater + 1)
            {
                newGap = _gaps.Open(highWater + 1, sequence - 1, now);
            }

            State.HighWaterMark = sequence;
            return TradeVerdict.Accepted;
        }

        // At or below the high-water mark. A session boundary comes first: a restarted feed's low sequence
        // may well fall inside an old gap, and must not be taken for a late fill of the previous session.
        if (State.LastTradeTime is { } lastTradeTime && _calendar.IsNewSession(tradeTime, lastTradeTime))
        {
            StartSession(sequence, tradeTime);
            return TradeVerdict.SessionReset;
        }

        var gapIndex = _gaps.IndexOf(sequence);
        if (gapIndex >= 0)
        {
            _gaps.Fill(gapIndex, sequence);
            State.Late++;
            return TradeVerdict.Late;
        }

        if (State.UnverifiableUpTo is { } floor && sequence <= floor)
        {
            State.LateUnverified++;
            return TradeVerdict.LateUnverified;
        }

        return TradeVerdict.DuplicateBySequence;
    }

    private void StartSession(long sequence, DateTimeOffset tradeTime)
    {
        _gaps.RetireAll();
        State.Session++;
        State.SessionStartedAt = tradeTime;
        State.HighWaterMark = sequence;
        State.SessionResets++;

        // The new session's clock starts here; the previous session's later trade times no longer apply.
        State.LastTradeTime = tradeTime;
    }
}
