using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Lakehouse.Reading;

namespace K2.Api.Query;

/// <summary>
/// Joins one symbol's cold quotes (the lakehouse) and hot quote slice (its grain) into one page in which every quote
/// appears exactly once, split at the grain's quote watermark (the rule: <see cref="SeamMerge"/>).
/// </summary>
public static class QuoteSeamMerge
{
    public static HistoryPage<Quote> Merge(IReadOnlyList<Quote> cold, HotQuoteSlice? hot, HistoryWindow window, int limit) =>
        SeamMerge.Merge(cold, hot?.FlushedThroughSequence ?? 0, hot?.Quotes ?? [], window, limit, HistoryKey.Of, InWindow);

    /// <summary>The platform sequences the cold side must not return (see <see cref="ColdSeam"/>).</summary>
    public static ColdSeam? SeamFor(HotQuoteSlice? hot) => hot is null ? null : SeamMerge.Seam(hot.FlushedThroughSequence, hot.Quotes);

    public static bool InWindow(Quote quote, HistoryWindow window)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return SeamMerge.InTimeAndPosition(quote.Timestamp, HistoryKey.Of(quote), window);
    }
}
