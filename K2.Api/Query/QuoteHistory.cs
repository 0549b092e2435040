using K2.Contracts.Model;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;

namespace K2.Api.Query;

/// <summary>A page of quotes and the snapshot it came from.</summary>
public sealed record QuotePageResult(HistoryPage<Quote> Page, long? ColdSnapshotId);

/// <summary>One symbol's quotes, from the lakehouse only: symbol grains hold no quotes, so there is no hot side.</summary>
public sealed class QuoteHistory(ColdTables tables, ScanPlanner planner, MarketDataHistoryReader reader)
{
    public async Task<QuotePageResult> ReadAsync(HistoryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cold = await tables.ResolveAsync(MarketDataTables.Quotes, request.TimeTravel ?? SnapshotSelection.Current, cancellationToken);
        var window = request.ColdWindow(seam: null);
        IReadOnlyList<Quote> rows = [];
        if (cold is { Metadata: { } metadata, Snapshot: not null })
        {
            var plan = await planner.PlanAsync(metadata, cold.Selection, MarketDataHistoryReader.PlanFilter(window), cancellationToken);
            rows = await reader.ReadQuotesAsync(plan, window, cancellationToken);
        }

        return new QuotePageResult(HistoryPage.Cut(rows, HistoryKey.Of, request.Descending, request.Limit), cold.Snapshot?.SnapshotId);
    }
}
