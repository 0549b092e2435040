using DuckDB.NET.Data;
using K2.Contracts.Model;
using K2.Lakehouse.Reading;

namespace K2.Lakehouse.Bars;

/// <summary>
/// Candles of one symbol from the planned files, using bar sidecars where they give the same answer: the whole
/// minutes inside the window (and, with a hot/cold seam, before the first minute that may hold a hot trade) are
/// aggregated in memory (<see cref="BarBuckets"/>) from the decoded bars of the files that have a sidecar
/// (<see cref="SidecarBarCache"/>); the partial minutes at the window's ends, the minutes from the seam
/// on, and every file without a sidecar are aggregated from raw rows as <see cref="CandleSql"/> does. The parts are
/// disjoint sets of trades per bucket, so merging them per bucket (<see cref="Candle.Merge"/>) is the candle of all
/// of them. Each raw part is cut to the page size in page order, which keeps every bucket of the merged page whole: a
/// bucket among the first N overall is among the first N of every part that holds it.
/// </summary>
internal static class SidecarCandles
{
    public static async Task<IReadOnlyList<Candle>> ReadAsync(
        DuckDBConnection connection,
        SidecarBarCache cache,
        SidecarCandleFiles files,
        HistoryWindow window,
        MinuteSpan inside,
        long widthMicros,
        CancellationToken cancellationToken)
    {
        var parts = new List<Candle>();
        var decoded = await cache.BarsAsync(connection, files.Sidecars, window.Exchange, window.Symbol, cancellationToken);
        var bars = BarBuckets.CutAtSeam(decoded, inside, window.Seam);
        if (files.WithoutSidecar.Count > 0)
        {
            parts.AddRange(await RawAsync(connection, files.WithoutSidecar, window, widthMicros, cancellationToken));
        }

        if (bars.IsEmpty)
        {
            parts.AddRange(await RawAsync(connection, files.WithSidecar, window, widthMicros, cancellationToken));
        }
        else
        {
            parts.AddRange(BarBuckets.Candles(decoded, bars, widthMicros));

            if (window.From is { } from && UtcMicros.ToMicros(from) < bars.FromMicros)
            {
                parts.AddRange(await RawAsync(connection, files.WithSidecar, window with { Until = UtcMicros.FromMicros(bars.FromMicros) }, widthMicros, cancellationToken));
            }

            if (bars.UntilMicros != long.MaxValue && (window.Until is not { } until || bars.UntilMicros < UtcMicros.ToMicros(until)))
            {
                parts.AddRange(await RawAsync(connection, files.WithSidecar, window with { From = UtcMicros.FromMicros(bars.UntilMicros) }, widthMicros, cancellationToken));
            }
        }

        var merged = parts.GroupBy(c => c.BucketStartMicros).Select(bucket => bucket.Aggregate(Candle.Merge));
        return [.. (window.Descending ? merged.OrderByDescending(c => c.BucketStartMicros) : merged.OrderBy(c => c.BucketStartMicros)).Take(window.Limit)];
    }

    private static async Task<IReadOnlyList<Candle>> RawAsync(DuckDBConnection connection, IReadOnlyList<string> files, HistoryWindow window, long widthMicros, CancellationToken cancellationToken)
    {
        await using var command = CandleSql.Create(connection, files, window, widthMicros);
        return await MarketDataHistoryReader.ReadAllAsync(command, CandleSql.Read, cancellationToken);
    }
}

/// <summary>The planned data files of a candle query split by whether they have a bar sidecar, as paths DuckDB opens.</summary>
internal sealed record SidecarCandleFiles(IReadOnlyList<string> WithSidecar, IReadOnlyList<string> Sidecars, IReadOnlyList<string> WithoutSidecar);
