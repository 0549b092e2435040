using K2.Api.Health;
using K2.Api.Query;
using K2.Api.Query.Candles;
using K2.Api.Query.Cursors;
using K2.Api.Query.Diagnostics;
using K2.Api.Query.Export;
using K2.Api.Query.Symbols;
using K2.Lakehouse.Caching;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Reading.Tail;
using Microsoft.Extensions.Options;
using Npgsql;

namespace K2.Api.Extensions;

internal static class QueryServicesExtensions
{
    private const string CatalogConnectionName = "k2db";

    /// <summary>
    /// The cold path: the lakehouse (catalog in the <c>k2db</c> database, warehouse from <c>K2:Lakehouse</c>), a
    /// bounded DuckDB pool sized by <c>K2:Query</c>, and the query services on top. Options are validated at start.
    /// </summary>
    public static WebApplicationBuilder AddK2Query(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(CatalogConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{CatalogConnectionName} is not configured; the API reads the lakehouse catalog through it.");
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddK2Lakehouse(builder.Configuration);

        builder.Services.AddOptions<QueryOptions>()
            .Bind(builder.Configuration.GetSection(QueryOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.DefaultLimit <= o.MaxLimit, $"{QueryOptions.SectionName}:DefaultLimit must not exceed MaxLimit.")
            .Validate(o => o.QueryTimeout > TimeSpan.Zero, $"{QueryOptions.SectionName}:QueryTimeout must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<QueryOptions>>().Value;
            return new DuckDbConnectionPool(new DuckDbPoolSettings(options.MaxConnections, options.Threads, options.MemoryLimit, options.FooterCacheFiles, options.FooterCacheRefresh, options.FileDataCache));
        });
        builder.Services.AddSingleton<MarketDataHistoryReader>();
        builder.Services.AddOptions<ColdTailOptions>()
            .Bind(builder.Configuration.GetSection(ColdTailOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ColdTailReader>();
        builder.Services.AddSingleton<ICacheStatisticsSource>(sp => sp.GetRequiredService<ColdTailReader>());
        builder.Services.AddSingleton<QueryCacheMetrics>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<QueryCacheMetrics>());
        builder.Services.AddHealthChecks()
            .AddCheck<DuckDbHealthCheck>("duckdb")
            .AddCheck<CatalogHealthCheck>("iceberg-catalog");
        builder.Services.AddSingleton<CursorCodec>();
        builder.Services.AddSingleton<HistoryRequestParser>();
        builder.Services.AddSingleton<QueryDeadline>();
        builder.Services.AddSingleton<ColdTables>();
        builder.Services.AddSingleton<TradeHistory>();
        builder.Services.AddSingleton<QuoteHistory>();
        builder.Services.AddSingleton<CandleHistory>();
        builder.Services.AddSingleton<SymbolCatalogue>();
        builder.Services.AddSingleton<TradeQueryParser>();
        builder.Services.AddSingleton<TradeExport>();
        return builder;
    }
}
