using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Lakehouse.Reading;

namespace K2.Api.Query.Symbols;

/// <summary>One symbol K2 holds: first and last trade time (µs), trades counted once across hot and cold, and how many are hot.</summary>
public sealed record SymbolListing(string Exchange, string Symbol, long FirstMicros, long LastMicros, long Count, long HotCount);

/// <summary>
/// Combines the table's per-symbol statistics with the grains' hot slices. A trade that is both committed and hot
/// (the seam's shadowed rows) is subtracted from the cold count, so it is counted once; first and last times are
/// the same whichever side a trade is counted on.
/// </summary>
public static class SymbolListingMerge
{
    public static IReadOnlyList<SymbolListing> Merge(
        IReadOnlyList<SymbolStats> cold,
        IReadOnlyDictionary<SymbolKey, HotTradeSlice> hot,
        IReadOnlyDictionary<SymbolKey, long> shadowed)
    {
        ArgumentNullException.ThrowIfNull(cold);
        ArgumentNullException.ThrowIfNull(hot);
        ArgumentNullException.ThrowIfNull(shadowed);
        var listings = cold.ToDictionary(
            s => new SymbolKey(s.Exchange, s.Symbol),
            s => new SymbolListing(s.Exchange, s.Symbol, s.FirstMicros, s.LastMicros, s.Count, 0));
        foreach (var (key, slice) in hot)
        {
            var trades = TradeSeamMerge.HotAbove(slice).ToList();
            if (trades.Count == 0)
            {
                continue;
            }

            var first = trades.Min(t => UtcMicros.ToMicros(t.Timestamp));
            var last = trades.Max(t => UtcMicros.ToMicros(t.Timestamp));
            listings[key] = listings.TryGetValue(key, out var c)
                ? c with
                {
                    FirstMicros = Math.Min(c.FirstMicros, first),
                    LastMicros = Math.Max(c.LastMicros, last),
                    Count = c.Count - shadowed.GetValueOrDefault(key) + trades.Count,
                    HotCount = trades.Count,
                }
                : new SymbolListing(key.Exchange, key.Symbol, first, last, trades.Count, trades.Count);
        }

        return [.. listings.Values.OrderBy(l => l.Exchange, StringComparer.Ordinal).ThenBy(l => l.Symbol, StringComparer.Ordinal)];
    }
}
