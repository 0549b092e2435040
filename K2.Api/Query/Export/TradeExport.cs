using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;

namespace K2.Api.Query.Export;

/// <summary>The rows of a multi-symbol query and whether the row cap cut them short.</summary>
public sealed record TradeExportResult(IReadOnlyList<Trade> Rows, bool Truncated);

/// <summary>
/// Runs a multi-symbol query: every symbol's hot slice from its grain (concurrently), then one table state, one scan
/// plan and one DuckDB query for the cold rows of all symbols (each with its own seam), then each symbol's hot and
/// cold rows merged as a one-symbol page would be: symbols in the order asked, oldest first within a symbol, until
/// the row cap. The cold query stops at cap + 1 rows; that is enough, because every cold row it returns ends up in
/// its symbol's merged rows, so a symbol whose cold rows the query cut is past the cap before the cut matters.
/// Rows are collected before writing, so the answer's headers can say whether it was cut; the cap bounds the memory.
/// </summary>
public sealed class TradeExport(IClusterClient cluster, ColdTables tables, ScanPlanner planner, MarketDataHistoryReader reader)
{
    public async Task<TradeExportResult> ReadAsync(TradeQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var requests = query.Symbols.Select(symbol => Request(query, symbol)).ToList();
        // The grains first, the table second (as for one symbol): the snapshot read is then at least as new as the
        // one each watermark was confirmed by.
        var hot = await Task.WhenAll(requests.Select(request => TradeHistory.HotSliceAsync(cluster, request)));
        var windows = requests.Select((request, i) => request.ColdWindow(TradeSeamMerge.SeamFor(hot[i]))).ToList();
        var cold = await ColdRowsAsync(query, windows, cancellationToken);

        var rows = new List<Trade>();
        for (var i = 0; i < windows.Count; i++)
        {
            var remaining = query.Limit - rows.Count;
            // With the cap reached, one more row of any remaining symbol is enough to know the answer was cut.
            var page = TradeSeamMerge.Merge([.. cold[(windows[i].Exchange, windows[i].Symbol)]], hot[i], windows[i], Math.Max(remaining, 1));
            if (remaining == 0)
            {
                if (page.Rows.Count > 0)
                {
                    return new TradeExportResult(rows, Truncated: true);
                }

                continue;
            }

            rows.AddRange(page.Rows);
            if (page.Next is not null)
            {
                return new TradeExportResult(rows, Truncated: true);
            }
        }

        return new TradeExportResult(rows, Truncated: false);
    }

    private async Task<ILookup<(string Exchange, string Symbol), Trade>> ColdRowsAsync(TradeQuery query, List<HistoryWindow> windows, CancellationToken cancellationToken)
    {
        IReadOnlyList<Trade> rows = [];
        var state = await tables.ResolveAsync(MarketDataTables.Trades, query.TimeTravel ?? SnapshotSelection.Current, cancellationToken);
        if (state is { Metadata: { } metadata, Snapshot: not null })
        {
            var plan = await planner.PlanAsync(metadata, state.Selection, MarketDataHistoryReader.PlanFilter(windows), cancellationToken);
            rows = await reader.ReadTradesOfSymbolsAsync(plan, windows, query.Limit + 1, cancellationToken);
        }

        return rows.ToLookup(trade => (trade.Exchange, trade.Symbol));
    }

    private static HistoryRequest Request(TradeQuery query, SymbolKey symbol) =>
        new(symbol, query.From, query.Until, query.Limit, Descending: false, After: null, query.TimeTravel)
        {
            MinPrice = query.MinPrice,
            MaxPrice = query.MaxPrice,
            MinQuantity = query.MinQuantity,
            MaxQuantity = query.MaxQuantity,
        };
}
