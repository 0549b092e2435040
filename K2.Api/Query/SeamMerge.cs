using K2.Contracts.Model;
using K2.Lakehouse.Reading;

namespace K2.Api.Query;

/// <summary>
/// The hot/cold seam rule for any record kind (trades, quotes), given the grain's flushed watermark W and its records
/// above it:
/// <list type="bullet">
/// <item>hot records count only above W (at or below W the table is authoritative);</item>
/// <item>a cold row above W is dropped when the same record (same platform sequence) is hot — a flush that committed
/// after the grain's watermark was read puts it on both sides;</item>
/// <item>a cold row above W that is not hot is kept: the grain no longer holds it (its window moved on), and
/// dropping it would open a hole. Under the grain's contract no such row exists.</item>
/// </list>
/// Both sides are filtered by the same window, so the cold input may be any superset — the SQL applies the same rule
/// (<see cref="ColdSeam"/>), this is what makes it exact.
/// </summary>
public static class SeamMerge
{
    public static HistoryPage<T> Merge<T>(
        IReadOnlyList<T> cold,
        long watermark,
        IReadOnlyList<T> hot,
        HistoryWindow window,
        int limit,
        Func<T, HistoryKey> keyOf,
        Func<T, HistoryWindow, bool> inWindow)
        where T : IMarketDataRecord
    {
        ArgumentNullException.ThrowIfNull(cold);
        ArgumentNullException.ThrowIfNull(window);
        var above = Above(watermark, hot).ToList();
        var shadowed = above.Select(r => r.PlatformSequence!.Value).ToHashSet();
        var coldRows = cold.Where(r => inWindow(r, window) && !(r.PlatformSequence is { } sequence && sequence > watermark && shadowed.Contains(sequence)));
        return HistoryPage.Cut(coldRows.Concat(above.Where(r => inWindow(r, window))), keyOf, window.Descending, limit);
    }

    /// <summary>The platform sequences the cold side must not return.</summary>
    public static ColdSeam Seam<T>(long watermark, IReadOnlyList<T> hot)
        where T : IMarketDataRecord =>
        new(watermark, [.. Above(watermark, hot).Select(r => r.PlatformSequence!.Value)]);

    /// <summary>Hot records that count: above the watermark. One without a platform sequence breaks the grain's contract and is left out.</summary>
    public static IEnumerable<T> Above<T>(long watermark, IReadOnlyList<T> hot)
        where T : IMarketDataRecord =>
        hot.Where(r => r.PlatformSequence is { } sequence && sequence > watermark);

    /// <summary>The time range and keyset position of <paramref name="window"/>, which every record kind has.</summary>
    public static bool InTimeAndPosition(DateTimeOffset timestamp, HistoryKey key, HistoryWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if ((window.From is { } from && timestamp < from) || (window.Until is { } until && timestamp >= until))
        {
            return false;
        }

        return window.After is not { } after || (window.Descending ? key < after : key > after);
    }
}
