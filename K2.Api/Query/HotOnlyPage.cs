using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Lakehouse.Reading;

namespace K2.Api.Query;

/// <summary>
/// A newest-first trades page cut from the grain's hot slice alone, when that is provably the merged answer: the page
/// and the row after it are hot, and the page's last row is at or after <see cref="HotTradeSlice.NewestColdTime"/>, so
/// every row the table could add ranks below the page. The argument, and why cursors and time, price and quantity
/// bounds do not weaken it, is in docs/api.md ("Hot-only pages").
/// </summary>
public static class HotOnlyPage
{
    /// <summary>The page, or null when the cold side must be read.</summary>
    public static HistoryPage<Trade>? TryCut(HistoryRequest request, HotTradeSlice? hot)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.TimeTravel is not null || !request.Descending || hot?.NewestColdTime is not { } newestCold)
        {
            return null;
        }

        var window = request.ColdWindow(seam: null);
        var candidates = TradeSeamMerge.HotAbove(hot).Where(trade => TradeSeamMerge.InWindow(trade, window));
        var page = HistoryPage.Cut(candidates, HistoryKey.Of, descending: true, request.Limit);

        // Next is set only when a row beyond the page exists, so the hot side alone also knows "more follow".
        return page.Next is not null && page.Rows[^1].Timestamp >= newestCold ? page : null;
    }
}
