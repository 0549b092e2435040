using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Lakehouse.Reading;

namespace K2.Api.Query;

/// <summary>
/// Joins one symbol's cold trades (the lakehouse) and hot slice (its grain) into one page in which every trade appears
/// exactly once, split at the grain's flushed watermark (the rule: <see cref="SeamMerge"/>). Trades are also filtered
/// by the window's price and quantity bounds, on both sides.
/// </summary>
public static class TradeSeamMerge
{
    public static HistoryPage<Trade> Merge(IReadOnlyList<Trade> cold, HotTradeSlice? hot, HistoryWindow window, int limit) =>
        SeamMerge.Merge(cold, hot?.FlushedThroughSequence ?? 0, hot?.Trades ?? [], window, limit, HistoryKey.Of, InWindow);

    /// <summary>The platform sequences the cold side must not return (see <see cref="ColdSeam"/>).</summary>
    public static ColdSeam? SeamFor(HotTradeSlice? hot) => hot is null ? null : SeamMerge.Seam(hot.FlushedThroughSequence, hot.Trades);

    /// <summary>Hot trades that count: above the watermark.</summary>
    public static IEnumerable<Trade> HotAbove(HotTradeSlice? hot) => hot is null ? [] : SeamMerge.Above(hot.FlushedThroughSequence, hot.Trades);

    public static bool InWindow(Trade trade, HistoryWindow window)
    {
        ArgumentNullException.ThrowIfNull(trade);
        ArgumentNullException.ThrowIfNull(window);
        // An open bound (null) compares false, so it excludes nothing.
        var outsideBounds = trade.Price < window.MinPrice || trade.Price > window.MaxPrice
            || trade.Quantity < window.MinQuantity || trade.Quantity > window.MaxQuantity;
        return !outsideBounds && SeamMerge.InTimeAndPosition(trade.Timestamp, HistoryKey.Of(trade), window);
    }
}
