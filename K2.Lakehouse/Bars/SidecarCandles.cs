using DuckDB.NET.Data;
using K2.Contracts.Model;
using K2.Lakehouse.Reading;

namespace K2.Lakehouse.Bars;

/// <summary>
/// Candles of one symbol from the planned files, using bar sidecars where they give the same answer: the whole
/// minutes inside the window (and, with a hot/cold seam, before the first minute that may hold a hot trade) come
/// from the sidecars of the files that have one; the partial minutes at the window's ends, the minutes from the seam
/// on, and every file without a sidecar are aggregated from raw rows as <see cref="CandleSql"/> does. The parts are
/// disjoint sets of trades per bucket, so merging them per bucket (<see cref="Candle.Merge"/>) is the candle of all
/// of them. Each part is cut to the page size in page order, which keeps every bucket of the merged page whole: a
/// bucket among the first N overall is among the first N of every part that holds it.
/// </summary>
internal static class SidecarCandles
{
    public static async Task<IReadOnlyList<Candle>> ReadAsync(
        DuckDBConnection connection,
        SidecarCandleFiles files,
        HistoryWindow window,
        MinuteSpan inside,
        long widthMicros,
        CancellationToken cancellationToken)
    {
        var parts = new List<Candle>();
        var bars = await CutAtSeamAsync(connection, files, window, inside, cancellationToken);
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
            await using (var command = BarCandleSql.Candles(connection, files.Sidecars, window, bars, widthMicros))
            {
                parts.AddRange(await MarketDataHistoryReader.ReadAllAsync(command, CandleSql.Read, cancellationToken));
            }

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

    /// <summary>
    /// <paramref name="inside"/> up to the first minute whose bars may hold a trade the seam leaves to the hot side:
    /// such a minute's bar cannot leave that one trade out, so it and everything after it are read raw.
    /// </summary>
    private static async Task<MinuteSpan> CutAtSeamAsync(DuckDBConnection connection, SidecarCandleFiles files, HistoryWindow window, MinuteSpan inside, CancellationToken cancellationToken)
    {
        if (MinuteSpan.FirstShadowedSequence(window.Seam) is not { } shadowed)
        {
            return inside;
        }

        await using var command = BarCandleSql.FirstMinuteReaching(connection, files.Sidecars, window, inside, shadowed);
        var first = await command.ExecuteScalarAsync(cancellationToken);
        return first is long minute ? inside with { UntilMicros = minute } : inside;
    }

    private static async Task<IReadOnlyList<Candle>> RawAsync(DuckDBConnection connection, IReadOnlyList<string> files, HistoryWindow window, long widthMicros, CancellationToken cancellationToken)
    {
        await using var command = CandleSql.Create(connection, files, window, widthMicros);
        return await MarketDataHistoryReader.ReadAllAsync(command, CandleSql.Read, cancellationToken);
    }
}

/// <summary>The planned data files of a candle query split by whether they have a bar sidecar, as paths DuckDB opens.</summary>
internal sealed record SidecarCandleFiles(IReadOnlyList<string> WithSidecar, IReadOnlyList<string> Sidecars, IReadOnlyList<string> WithoutSidecar);
