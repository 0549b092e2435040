using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Reading.Tail;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;

namespace K2.Api.Query;

/// <summary>A page of quotes and where its parts came from.</summary>
public sealed record QuotePageResult(HistoryPage<Quote> Page, long? ColdSnapshotId, HotQuoteSlice? Hot);

/// <summary>
/// One symbol's quotes: the grain's hot quote slice merged with the quotes table at the grain's quote watermark (see
/// <see cref="QuoteSeamMerge"/>), or one older snapshot alone for time travel; latest-N pages through the
/// <see cref="ColdTailReader"/> when it can settle them.
/// </summary>
public sealed class QuoteHistory(IClusterClient cluster, ColdTables tables, ScanPlanner planner, MarketDataHistoryReader reader, ColdTailReader tail)
{
    public async Task<QuotePageResult> ReadAsync(HistoryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The grain first, the table second: the snapshot read is then at least as new as the one the watermark was
        // confirmed by, so every quote at or below the watermark is in it.
        var hot = request.TimeTravel is null ? await cluster.GetGrain<ISymbolGrain>(request.Symbol.ToString()).GetHotQuotesAsync() : null;
        var cold = await tables.ResolveAsync(MarketDataTables.Quotes, request.TimeTravel ?? SnapshotSelection.Current, cancellationToken);
        var window = request.ColdWindow(QuoteSeamMerge.SeamFor(hot));
        IReadOnlyList<Quote> rows = [];
        if (cold is { Metadata: { } metadata, Snapshot: { } snapshot })
        {
            rows = await tail.TryReadQuotesAsync(metadata, snapshot, window, cancellationToken)
                ?? await reader.ReadQuotesAsync(await planner.PlanAsync(metadata, cold.Selection, MarketDataHistoryReader.PlanFilter(window), cancellationToken), window, cancellationToken);
        }

        return new QuotePageResult(QuoteSeamMerge.Merge(rows, hot, window, request.Limit), cold.Snapshot?.SnapshotId, hot);
    }
}
