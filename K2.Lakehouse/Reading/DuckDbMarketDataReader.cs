using System.Data.Common;
using K2.Contracts.Model;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Storage;
using Microsoft.Extensions.Options;

namespace K2.Lakehouse.Reading;

/// <summary>
/// Reads trades and quotes with DuckDB from exactly the files a <see cref="ScanPlan"/> selected (DuckDB's own
/// Iceberg extension would need a download; planning stays in K2). The filter is applied again row by row, since
/// planning only proves which files might match.
/// </summary>
public sealed class DuckDbMarketDataReader(IWarehouseStorage storage, IOptions<LakehouseOptions> options)
{
    public Task<IReadOnlyList<Trade>> ReadTradesAsync(ScanPlan plan, ScanFilter filter, CancellationToken cancellationToken) =>
        QueryAsync(plan, filter, MarketDataRows.TradeColumns, MarketDataRows.ToTrade, cancellationToken);

    public Task<IReadOnlyList<Quote>> ReadQuotesAsync(ScanPlan plan, ScanFilter filter, CancellationToken cancellationToken) =>
        QueryAsync(plan, filter, MarketDataRows.QuoteColumns, MarketDataRows.ToQuote, cancellationToken);

    private async Task<IReadOnlyList<T>> QueryAsync<T>(ScanPlan plan, ScanFilter filter, string columns, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        if (plan.Files.Count == 0)
        {
            return [];
        }

        var files = plan.Files.Select(f => storage.ResolveForQueryEngine(f.Location)).ToList();
        await using var connection = await DuckDbSession.OpenAsync(options.Value, cancellationToken);
        await using var command = MarketDataQuery.Create(connection, columns, files, filter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
