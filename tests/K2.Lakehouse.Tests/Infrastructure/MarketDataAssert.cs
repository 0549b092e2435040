using K2.Contracts.Model;

namespace K2.Lakehouse.Tests.Infrastructure;

/// <summary>
/// Field-by-field comparison: <see cref="Trade"/> and <see cref="Quote"/> are records, but their list and map
/// members compare by reference, so record equality cannot say whether a round trip kept the data.
/// </summary>
public static class MarketDataAssert
{
    public static void SameTrades(IEnumerable<Trade> expected, IEnumerable<Trade> actual)
    {
        var left = expected.OrderBy(t => t.TradeId, StringComparer.Ordinal).ToList();
        var right = actual.OrderBy(t => t.TradeId, StringComparer.Ordinal).ToList();
        Assert.Equal(left.Count, right.Count);
        for (var i = 0; i < left.Count; i++)
        {
            Assert.Equal(Normalise(left[i]), Normalise(right[i]));
            Assert.Equal(left[i].TradeConditions, right[i].TradeConditions);
            Assert.Equal(Sorted(left[i].VendorData), Sorted(right[i].VendorData));
        }
    }

    public static void SameQuotes(IEnumerable<Quote> expected, IEnumerable<Quote> actual)
    {
        var left = expected.OrderBy(q => q.QuoteId, StringComparer.Ordinal).ToList();
        var right = actual.OrderBy(q => q.QuoteId, StringComparer.Ordinal).ToList();
        Assert.Equal(left.Count, right.Count);
        for (var i = 0; i < left.Count; i++)
        {
            Assert.Equal(left[i] with { VendorData = Empty }, right[i] with { VendorData = Empty });
            Assert.Equal(Sorted(left[i].VendorData), Sorted(right[i].VendorData));
        }
    }

    // Shared instances, so the records compare equal on everything except the members checked separately.
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
    private static readonly IReadOnlyList<string> NoConditions = [];

    private static Trade Normalise(Trade trade) => trade with { TradeConditions = NoConditions, VendorData = Empty };

    private static List<KeyValuePair<string, string>> Sorted(IReadOnlyDictionary<string, string> map) =>
        map.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
}
