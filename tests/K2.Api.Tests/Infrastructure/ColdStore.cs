using K2.Contracts.Model;
using K2.Lakehouse.Catalog;
using K2.Lakehouse.Commit;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Writing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace K2.Api.Tests.Infrastructure;

/// <summary>
/// The writing side of the lakehouse the API reads: the real writer and committer on the same catalog database and
/// warehouse, as the silo's flush would use them. Each append is one snapshot.
/// </summary>
public sealed class ColdStore : IAsyncDisposable
{
    private static readonly Dictionary<string, string> NoSummary = [];
    private readonly ServiceProvider _services;

    public ColdStore(string connectionString, IReadOnlyDictionary<string, string?> lakehouseSettings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(lakehouseSettings).Build();
        _services = new ServiceCollection()
            .AddSingleton(_ => NpgsqlDataSource.Create(connectionString))
            .AddK2Lakehouse(configuration)
            .BuildServiceProvider();
    }

    private IcebergCatalog Catalog => _services.GetRequiredService<IcebergCatalog>();

    public async Task InitializeAsync()
    {
        await Catalog.InitializeAsync(CancellationToken.None);
        await Catalog.CreateTableAsync(MarketDataTables.Trades, MarketDataTables.TradesDefinition, CancellationToken.None);
        await Catalog.CreateTableAsync(MarketDataTables.Quotes, MarketDataTables.QuotesDefinition, CancellationToken.None);
    }

    /// <summary>Writes and commits <paramref name="trades"/> as one snapshot; returns its id.</summary>
    public async Task<long> AppendTradesAsync(IReadOnlyList<Trade> trades) => (await AppendTradeFilesAsync(trades)).SnapshotId;

    /// <summary>As <see cref="AppendTradesAsync"/>, also naming the local paths of the data files written.</summary>
    public Task<(long SnapshotId, IReadOnlyList<string> Paths)> AppendTradeFilesAsync(IReadOnlyList<Trade> trades) => AppendAsync(MarketDataTables.Trades, trades, MarketDataLayouts.Trades);

    public async Task<long> AppendQuotesAsync(IReadOnlyList<Quote> quotes) => (await AppendAsync(MarketDataTables.Quotes, quotes, MarketDataLayouts.Quotes)).SnapshotId;

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private async Task<(long SnapshotId, IReadOnlyList<string> Paths)> AppendAsync<T>(TableIdentifier table, IReadOnlyList<T> rows, RowLayout<T> layout)
    {
        var loaded = await Catalog.LoadTableAsync(table, CancellationToken.None);
        var files = await _services.GetRequiredService<DataFileWriter>().WriteAsync(loaded.Metadata, rows, layout, CancellationToken.None);
        var result = await _services.GetRequiredService<AppendCommitter>().CommitAppendAsync(table, files, NoSummary, _ => true, CancellationToken.None);
        var snapshot = result.SnapshotId ?? throw new InvalidOperationException($"The append to {table} was not committed: {result.Status}.");
        return (snapshot, [.. files.Select(file => new Uri(file.Location).LocalPath)]);
    }
}
