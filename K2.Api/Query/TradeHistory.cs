using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Reading.Tail;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using Microsoft.Extensions.Options;

namespace K2.Api.Query;

/// <summary>A page of trades and where its parts came from.</summary>
public sealed record TradePageResult(HistoryPage<Trade> Page, long? ColdSnapshotId, HotTradeSlice? Hot);

/// <summary>
/// One symbol's trades: the grain's hot slice merged with the lakehouse at the grain's watermark (see
/// <see cref="TradeSeamMerge"/>), the hot slice alone when it provably settles a newest-first page
/// (<see cref="HotOnlyPage"/>; no cold snapshot is named then), or one older snapshot alone for time travel. The cold
/// side of a latest-N page comes from the <see cref="ColdTailReader"/> when it can settle it, else from the table.
/// </summary>
public sealed class TradeHistory(IClusterClient cluster, ColdTables tables, ScanPlanner planner, MarketDataHistoryReader reader, ColdTailReader tail, IOptions<QueryOptions> options)
{
    public async Task<TradePageResult> ReadAsync(HistoryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The grain first, the table second: the snapshot read is then at least as new as the one the watermark was
        // confirmed by, so every row at or below the watermark is in it.
        var hot = await HotSliceAsync(cluster, request);
        if (options.Value.HotOnlyPages && HotOnlyPage.TryCut(request, hot) is { } hotPage)
        {
            return new TradePageResult(hotPage, ColdSnapshotId: null, hot);
        }

        var cold = await tables.ResolveAsync(MarketDataTables.Trades, request.TimeTravel ?? SnapshotSelection.Current, cancellationToken);
        var window = request.ColdWindow(TradeSeamMerge.SeamFor(hot));
        IReadOnlyList<Trade> rows = [];
        if (cold is { Metadata: { } metadata, Snapshot: { } snapshot })
        {
            rows = await tail.TryReadTradesAsync(metadata, snapshot, window, cancellationToken)
                ?? await reader.ReadTradesAsync(await planner.PlanAsync(metadata, cold.Selection, MarketDataHistoryReader.PlanFilter(window), cancellationToken), window, cancellationToken);
        }

        var page = TradeSeamMerge.Merge(rows, hot, window, request.Limit);
        return new TradePageResult(page, cold.Snapshot?.SnapshotId, hot);
    }

    /// <summary>The grain's hot slice for a "now" request; none for time travel.</summary>
    public static async Task<HotTradeSlice?> HotSliceAsync(IClusterClient cluster, HistoryRequest request)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(request);
        return request.TimeTravel is null ? await cluster.GetGrain<ISymbolGrain>(request.Symbol.ToString()).GetHotTradesAsync() : null;
    }
}
