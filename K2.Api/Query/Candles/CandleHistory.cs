using K2.Contracts.Grains;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;

namespace K2.Api.Query.Candles;

/// <summary>Candles of one symbol and where their parts came from.</summary>
public sealed record CandlePageResult(IReadOnlyList<Candle> Candles, bool More, long? ColdSnapshotId, HotTradeSlice? Hot);

/// <summary>
/// OHLCV of one symbol: DuckDB aggregates the cold rows (with the same seam as trade pages, so a trade that is both
/// committed and hot is counted once), the grain's hot trades are aggregated here, and candles of the same bucket
/// are merged. A candle that spans the seam therefore opens with its earliest trade and closes with its latest,
/// wherever each lives.
/// </summary>
public sealed class CandleHistory(IClusterClient cluster, ColdTables tables, ScanPlanner planner, MarketDataHistoryReader reader)
{
    public async Task<CandlePageResult> ReadAsync(HistoryRequest request, long widthMicros, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var hot = await TradeHistory.HotSliceAsync(cluster, request);
        var cold = await tables.ResolveAsync(MarketDataTables.Trades, request.TimeTravel ?? SnapshotSelection.Current, cancellationToken);
        var window = request.ColdWindow(TradeSeamMerge.SeamFor(hot));
        IReadOnlyList<Candle> coldCandles = [];
        if (cold is { Metadata: { } metadata, Snapshot: not null })
        {
            var plan = await planner.PlanAsync(metadata, cold.Selection, MarketDataHistoryReader.PlanFilter(window), cancellationToken);
            coldCandles = await reader.ReadCandlesAsync(plan, window, widthMicros, cancellationToken);
        }

        var hotCandles = CandleMath.Aggregate(TradeSeamMerge.HotAbove(hot).Where(t => TradeSeamMerge.InWindow(t, window)), widthMicros);
        var merged = coldCandles.Concat(hotCandles)
            .GroupBy(c => c.BucketStartMicros)
            .Select(bucket => bucket.Aggregate(CandleMath.Merge));
        var ordered = (request.Descending ? merged.OrderByDescending(c => c.BucketStartMicros) : merged.OrderBy(c => c.BucketStartMicros))
            .Take(request.Limit + 1)
            .ToList();
        var more = ordered.Count > request.Limit;
        return new CandlePageResult(more ? ordered[..request.Limit] : ordered, more, cold.Snapshot?.SnapshotId, hot);
    }
}
