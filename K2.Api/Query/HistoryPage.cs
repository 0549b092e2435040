using K2.Lakehouse.Reading;

namespace K2.Api.Query;

/// <summary>One page of rows in page order, and the position to continue after when more rows follow.</summary>
public sealed record HistoryPage<T>(IReadOnlyList<T> Rows, HistoryKey? Next);

/// <summary>Cuts pages out of ordered candidates.</summary>
public static class HistoryPage
{
    /// <summary>
    /// Orders <paramref name="rows"/> (all candidates after the previous page) and cuts the page. The caller reads one
    /// row more than <paramref name="limit"/> from every source, so "more follow" is known without another query.
    /// </summary>
    public static HistoryPage<T> Cut<T>(IEnumerable<T> rows, Func<T, HistoryKey> keyOf, bool descending, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var ordered = descending ? rows.OrderByDescending(keyOf) : rows.OrderBy(keyOf);
        var candidates = ordered.Take(limit + 1).ToList();
        if (candidates.Count <= limit)
        {
            return new HistoryPage<T>(candidates, null);
        }

        var page = candidates.GetRange(0, limit);
        return new HistoryPage<T>(page, keyOf(page[^1]));
    }
}
