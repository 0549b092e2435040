using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Lakehouse.Reading;

namespace K2.Api.Query;

/// <summary>
/// Joins one symbol's cold rows (the lakehouse) and hot slice (its grain) into one page in which every trade appears
/// exactly once. The seam is the grain's flushed watermark W, never a time guess:
/// <list type="bullet">
/// <item>hot trades count only above W (at or below W the table is authoritative);</item>
/// <item>a cold row above W is dropped when the same trade (same platform sequence) is hot — a flush that committed
/// after the grain's watermark was read puts it on both sides;</item>
/// <item>a cold row above W that is not hot is kept: the grain no longer holds it (its window moved on), and
/// dropping it would open a hole. Under the grain's contract no such row exists.</item>
/// </list>
/// Both sides are filtered by the same window (time range, price and quantity bounds, position after the previous
/// page), so the cold input may be any superset — the SQL applies the same rule, this is what makes it exact.
/// </summary>
public static class TradeSeamMerge
{
    public static HistoryPage<Trade> Merge(IReadOnlyList<Trade> cold, HotTradeSlice? hot, HistoryWindow window, int limit)
    {
        ArgumentNullException.ThrowIfNull(cold);
        ArgumentNullException.ThrowIfNull(window);
        var hotRows = HotAbove(hot).Where(t => InWindow(t, window)).ToList();
        var watermark = hot?.FlushedThroughSequence ?? 0;
        var shadowed = HotAbove(hot).Select(t => t.PlatformSequence!.Value).ToHashSet();
        var coldRows = cold.Where(t => InWindow(t, window) && !(t.PlatformSequence is { } sequence && sequence > watermark && shadowed.Contains(sequence)));
        return HistoryPage.Cut(coldRows.Concat(hotRows), HistoryKey.Of, window.Descending, limit);
    }

    /// <summary>The platform sequences the cold side must not return (see <see cref="ColdSeam"/>).</summary>
    public static ColdSeam? SeamFor(HotTradeSlice? hot) =>
        hot is null ? null : new ColdSeam(hot.FlushedThroughSequence, [.. HotAbove(hot).Select(t => t.PlatformSequence!.Value)]);

    /// <summary>Hot trades that count: above the watermark. A trade without a platform sequence breaks the grain's contract and is left out.</summary>
    public static IEnumerable<Trade> HotAbove(HotTradeSlice? hot) =>
        hot is null ? [] : hot.Trades.Where(t => t.PlatformSequence is { } sequence && sequence > hot.FlushedThroughSequence);

    public static bool InWindow(Trade trade, HistoryWindow window)
    {
        ArgumentNullException.ThrowIfNull(trade);
        ArgumentNullException.ThrowIfNull(window);
        if ((window.From is { } from && trade.Timestamp < from) || (window.Until is { } until && trade.Timestamp >= until)
            || trade.Price < window.MinPrice || trade.Price > window.MaxPrice || trade.Quantity < window.MinQuantity || trade.Quantity > window.MaxQuantity)
        {
            return false;
        }

        return window.After is not { } after || (window.Descending ? HistoryKey.Of(trade) < after : HistoryKey.Of(trade) > after);
    }
}
