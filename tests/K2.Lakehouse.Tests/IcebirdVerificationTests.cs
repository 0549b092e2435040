using System.Globalization;
using System.Text.Json;
using K2.Contracts.Model;
using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Tests.Infrastructure;
using K2.Lakehouse.Writing;

namespace K2.Lakehouse.Tests;

/// <summary>
/// An independent Iceberg implementation (icebird, JavaScript) opens tables K2 wrote — metadata JSON, Avro manifest
/// list and manifests, Parquet files — and must see the same rows. icebird returns decimals as doubles and
/// timestamps with millisecond precision, so those are compared at that precision; everything else exactly.
/// </summary>
public sealed class IcebirdVerificationTests : IAsyncLifetime
{
    private LakehouseHarness _lakehouse = null!;

    public async Task InitializeAsync() => _lakehouse = await LakehouseHarness.CreateAsync();

    public async Task DisposeAsync() => await _lakehouse.DisposeAsync();

    [Fact]
    public async Task Icebird_reads_every_trade_of_the_current_and_an_older_snapshot()
    {
        await _lakehouse.CreateTradesAsync();
        var first = MarketDataSamples.Trades(3);
        var second = MarketDataSamples.Trades(2, firstId: 1_000);
        var (firstCommit, firstFiles) = await _lakehouse.AppendTradesAsync(first);
        var (secondCommit, secondFiles) = await _lakehouse.AppendTradesAsync(second);

        var current = await IcebirdVerifier.ReadAsync(LocalPath(secondCommit.Table.MetadataLocation));
        var older = await IcebirdVerifier.ReadAsync(LocalPath(firstCommit.Table.MetadataLocation));

        Assert.Equal(2, current.GetProperty("formatVersion").GetInt32());
        Assert.Equal(secondCommit.Table.Metadata.TableUuid.ToString(), current.GetProperty("tableUuid").GetString());
        Assert.Equal(2, current.GetProperty("manifestCount").GetInt32());
        Assert.Equal(firstFiles.Count + secondFiles.Count, current.GetProperty("manifestEntries").GetInt32());
        Assert.Equal(first.Count + second.Count, current.GetProperty("recordCountFromManifests").GetInt32());
        Assert.Equal(
            TradeFields.Schema.Fields.Select(f => (f.Id, f.Name, f.Required)),
            current.GetProperty("schema").EnumerateArray().Select(f => (f.GetProperty("id").GetInt32(), f.GetProperty("name").GetString()!, f.GetProperty("required").GetBoolean())));
        AssertSameTrades(first.Concat(second).ToList(), current);
        AssertSameTrades(first, older);
    }

    [Fact]
    public async Task Icebird_reads_quotes()
    {
        await _lakehouse.CreateQuotesAsync();
        var quotes = MarketDataSamples.Quotes();
        var (commit, _) = await _lakehouse.AppendQuotesAsync(quotes);

        var report = await IcebirdVerifier.ReadAsync(LocalPath(commit.Table.MetadataLocation));

        Assert.Equal(quotes.Count, report.GetProperty("rowCount").GetInt32());
        var rows = report.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("quote_id").GetString()!);
        foreach (var quote in quotes)
        {
            var row = rows[quote.QuoteId];
            Assert.Equal(quote.MessageId.ToString(), row.GetProperty("message_id").GetString());
            Assert.Equal((double)quote.BidPrice, row.GetProperty("bid_price").GetDouble());
            Assert.Equal((double)quote.AskQuantity, row.GetProperty("ask_quantity").GetDouble());
            Assert.Equal(Milliseconds(quote.Timestamp), row.GetProperty("timestamp").GetString());
            Assert.Equal(quote.VendorData.OrderBy(p => p.Key), row.GetProperty("vendor_data").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)));
        }
    }

    [Fact]
    public async Task Icebird_reads_an_evolved_table_with_nulls_for_files_written_before_the_column()
    {
        await _lakehouse.CreateTradesAsync();
        var before = MarketDataSamples.Trades(1);
        await _lakehouse.AppendTradesAsync(before);
        var evolved = await _lakehouse.Schemas.AddColumnAsync(MarketDataTables.Trades, "venue_segment", PrimitiveType.String, null, CancellationToken.None);
        var after = new List<Trade> { K2.Testing.Trades.Binance(9_001, MarketDataSamples.Day1.AddHours(15)) };
        var layout = MarketDataLayouts.Trades.With(evolved.Metadata.CurrentSchema.Field("venue_segment").Id, _ => "CENTRAL");
        var files = await _lakehouse.Writer.WriteAsync(evolved.Metadata, after, layout, CancellationToken.None);
        var commit = await _lakehouse.Committer.CommitAppendAsync(MarketDataTables.Trades, files, new Dictionary<string, string>(), _ => true, CancellationToken.None);

        var report = await IcebirdVerifier.ReadAsync(LocalPath(commit.Table.MetadataLocation));

        var segments = report.GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("trade_id").GetString()!, r => r.GetProperty("venue_segment"));
        Assert.Equal(before.Count + 1, segments.Count);
        Assert.Equal("CENTRAL", segments["BINANCE-9001"].GetString());
        Assert.All(before, t => Assert.Equal(JsonValueKind.Null, segments[t.TradeId].ValueKind));
    }

    private static void AssertSameTrades(IReadOnlyList<Trade> expected, JsonElement report)
    {
        Assert.Equal(expected.Count, report.GetProperty("rowCount").GetInt32());
        var rows = report.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("trade_id").GetString()!);
        Assert.Equal(expected.Select(t => t.TradeId).Order(), rows.Keys.Order());
        foreach (var trade in expected)
        {
            var row = rows[trade.TradeId];
            Assert.Equal(trade.MessageId.ToString(), row.GetProperty("message_id").GetString());
            Assert.Equal(trade.Symbol, row.GetProperty("symbol").GetString());
            Assert.Equal(trade.Exchange, row.GetProperty("exchange").GetString());
            Assert.Equal(MarketCodes.Code(trade.AssetClass), row.GetProperty("asset_class").GetString());
            Assert.Equal(MarketCodes.Code(trade.Side), row.GetProperty("side").GetString());
            Assert.Equal(trade.Currency, row.GetProperty("currency").GetString());
            Assert.Equal(Milliseconds(trade.Timestamp), row.GetProperty("timestamp").GetString());
            Assert.Equal(Milliseconds(trade.IngestionTimestamp), row.GetProperty("ingestion_timestamp").GetString());
            Assert.Equal((double)trade.Price, row.GetProperty("price").GetDouble());
            Assert.Equal((double)trade.Quantity, row.GetProperty("quantity").GetDouble());
            Assert.Equal(trade.SourceSequence?.ToString(CultureInfo.InvariantCulture), NullableString(row.GetProperty("source_sequence")));
            Assert.Equal(trade.PlatformSequence?.ToString(CultureInfo.InvariantCulture), NullableString(row.GetProperty("platform_sequence")));
            Assert.Equal(trade.TradeConditions, row.GetProperty("trade_conditions").EnumerateArray().Select(e => e.GetString()!));
            Assert.Equal(trade.VendorData.OrderBy(p => p.Key, StringComparer.Ordinal), row.GetProperty("vendor_data").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)).OrderBy(p => p.Key, StringComparer.Ordinal));
        }
    }

    private static string? NullableString(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element.GetString();

    /// <summary>The ISO text JavaScript's Date prints: UTC, milliseconds, truncated from microseconds.</summary>
    private static string Milliseconds(DateTimeOffset instant) =>
        DateTimeOffset.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds()).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private string LocalPath(string location) => _lakehouse.Storage.ResolveForQueryEngine(location);
}
