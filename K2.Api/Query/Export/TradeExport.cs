using K2.Contracts.Model;

namespace K2.Api.Query.Export;

/// <summary>The rows of a multi-symbol query and whether the row cap cut them short.</summary>
public sealed record TradeExportResult(IReadOnlyList<Trade> Rows, bool Truncated);

/// <summary>
/// Runs a multi-symbol query as one history read per symbol (each with its own hot/cold seam), oldest first within a
/// symbol, symbols in the order asked, until the row cap. Rows are collected before writing, so the answer's
/// headers can say whether it was cut; the cap bounds the memory this takes.
/// </summary>
public sealed class TradeExport(TradeHistory history)
{
    public async Task<TradeExportResult> ReadAsync(TradeQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = new List<Trade>();
        foreach (var symbol in query.Symbols)
        {
            var remaining = query.Limit - rows.Count;
            // With the cap reached, one more row of any remaining symbol is enough to know the answer was cut.
            var page = await history.ReadAsync(Request(query, symbol, Math.Max(remaining, 1)), cancellationToken);
            if (remaining == 0)
            {
                if (page.Page.Rows.Count > 0)
                {
                    return new TradeExportResult(rows, Truncated: true);
                }

                continue;
            }

            rows.AddRange(page.Page.Rows);
            if (page.Page.Next is not null)
            {
                return new TradeExportResult(rows, Truncated: true);
            }
        }

        return new TradeExportResult(rows, Truncated: false);
    }

    private static HistoryRequest Request(TradeQuery query, Contracts.Grains.SymbolKey symbol, int limit) =>
        new(symbol, query.From, query.Until, limit, Descending: false, After: null, query.TimeTravel)
        {
            MinPrice = query.MinPrice,
            MaxPrice = query.MaxPrice,
            MinQuantity = query.MinQuantity,
            MaxQuantity = query.MaxQuantity,
        };
}
