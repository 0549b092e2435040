using K2.Contracts.Model;
using K2.Lakehouse.Reading;

namespace K2.Lakehouse.Bars;

/// <summary>
/// Whole minutes [<see cref="FromMicros"/>, <see cref="UntilMicros"/>) (minute starts; <see cref="long.MinValue"/> and
/// <see cref="long.MaxValue"/> for open ends): the part of a candle window that bar sidecars can answer.
/// </summary>
internal readonly record struct MinuteSpan(long FromMicros, long UntilMicros)
{
    public bool IsEmpty => FromMicros >= UntilMicros;

    /// <summary>
    /// The minutes wholly inside <paramref name="window"/>'s time range, or null when bars cannot answer any part of
    /// the window: a width that is not a whole number of minutes (a bucket would split a minute), or price or quantity
    /// bounds (a bar cannot leave single trades out).
    /// </summary>
    public static MinuteSpan? Inside(HistoryWindow window, long widthMicros)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (widthMicros % MinuteBars.MinuteMicros != 0 || window.MinPrice is not null || window.MaxPrice is not null
            || window.MinQuantity is not null || window.MaxQuantity is not null)
        {
            return null;
        }

        var from = window.From is { } start ? CeilingMinute(UtcMicros.ToMicros(start)) : long.MinValue;
        var until = window.Until is { } end ? MinuteBars.MinuteStart(UtcMicros.ToMicros(end)) : long.MaxValue;
        var span = new MinuteSpan(from, until);
        return span.IsEmpty ? null : span;
    }

    /// <summary>
    /// The smallest platform sequence the seam may leave to the hot side (the least hot sequence above the
    /// watermark), or null when it leaves none; a bar whose highest sequence is below it holds only cold trades.
    /// </summary>
    public static long? FirstShadowedSequence(ColdSeam? seam)
    {
        if (seam is null)
        {
            return null;
        }

        long? least = null;
        foreach (var sequence in seam.HotSequences)
        {
            if (sequence > seam.FlushedThroughSequence && (least is null || sequence < least))
            {
                least = sequence;
            }
        }

        return least;
    }

    private static long CeilingMinute(long micros)
    {
        var floor = MinuteBars.MinuteStart(micros);
        return floor == micros ? floor : floor + MinuteBars.MinuteMicros;
    }
}
