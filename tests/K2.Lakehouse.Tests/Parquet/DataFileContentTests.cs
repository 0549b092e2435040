using K2.Contracts.Model;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Iceberg.Values;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Tests.Infrastructure;
using K2.Lakehouse.Writing;

namespace K2.Lakehouse.Tests.Parquet;

/// <summary>
/// What the Parquet data files physically contain, inspected with DuckDB: Iceberg field ids on every column
/// (Appendix A), exact types, trustworthy statistics, and file/row-group sizing from the options.
/// </summary>
public sealed class DataFileContentTests : IDisposable
{
    private readonly LocalTable _table = new();

    public void Dispose() => _table.Dispose();

    [Fact]
    public async Task Every_column_carries_its_iceberg_field_id_including_list_and_map_groups()
    {
        var file = (await WriteAsync(MarketDataSamples.Trades(2)))[0];

        var schema = await RawDuckDb.QueryAsync(
            "SELECT name, field_id, repetition_type, logical_type FROM parquet_schema($path)", ("path", _table.PathOf(file.Location)));

        var ids = schema.Where(r => r[1] is not null).ToDictionary(r => (string)r[0]!, r => Convert.ToInt32(r[1], System.Globalization.CultureInfo.InvariantCulture));
        var expected = TradeFields.Schema.Fields.SelectMany(f => f.Type switch
        {
            ListType list => new[] { (f.Name, f.Id), ("element", list.ElementId) },
            MapType map => [(f.Name, f.Id), ("key", map.KeyId), ("value", map.ValueId)],
            _ => [(f.Name, f.Id)],
        }).ToDictionary(p => p.Item1, p => p.Item2);
        Assert.Equal(expected.OrderBy(p => p.Key), ids.OrderBy(p => p.Key));
        // Only the schema root and the repeated wrapper groups of the 3-level list/map layout have no id.
        Assert.Equal(["key_value", "list", "root"], schema.Where(r => r[1] is null).Select(r => (string)r[0]!).Order());
    }

    [Fact]
    public async Task Columns_have_the_iceberg_parquet_types()
    {
        var file = (await WriteAsync(MarketDataSamples.Trades(2)))[0];

        var types = (await RawDuckDb.QueryAsync("DESCRIBE SELECT * FROM read_parquet($path)", ("path", _table.PathOf(file.Location))))
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);

        Assert.Equal("UUID", types["message_id"]);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", types["timestamp"]);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", types["ingestion_timestamp"]);
        Assert.Equal("DECIMAL(18,8)", types["price"]);
        Assert.Equal("VARCHAR[]", types["trade_conditions"]);
        Assert.Equal("MAP(VARCHAR, VARCHAR)", types["vendor_data"]);
        Assert.Equal("BIGINT", types["source_sequence"]);
    }

    [Fact]
    public async Task Timestamp_statistics_are_microseconds_so_engines_do_not_skip_matching_row_groups()
    {
        var trades = MarketDataSamples.Trades(6);
        var files = await WriteAsync(trades);
        var paths = files.Select(f => _table.PathOf(f.Location)).ToArray();
        var from = MarketDataSamples.Day2.AddHours(10).AddSeconds(2);

        var stats = await RawDuckDb.QueryAsync(
            "SELECT min(stats_min_value), max(stats_max_value) FROM parquet_metadata($files) WHERE path_in_schema = 'timestamp'", ("files", paths));
        var matched = await RawDuckDb.QueryAsync(
            "SELECT count(*) FROM read_parquet($files) WHERE \"timestamp\" >= make_timestamp($from)::TIMESTAMPTZ", ("files", paths), ("from", UtcMicros.ToMicros(from)));

        Assert.StartsWith("2026-03-10 10:00:00", (string)stats[0][0]!);
        Assert.StartsWith("2026-03-11 10:00:05", (string)stats[0][1]!);
        Assert.Equal((long)trades.Count(t => t.Timestamp >= from), Convert.ToInt64(matched[0][0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Uuid_column_has_no_min_max_statistics_and_point_lookups_find_every_id()
    {
        var trades = MarketDataSamples.Trades(6);
        var files = await WriteAsync(trades);
        var paths = files.Select(f => _table.PathOf(f.Location)).ToArray();

        var stats = await RawDuckDb.QueryAsync("SELECT stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata($files) WHERE path_in_schema = 'message_id'", ("files", paths));
        Assert.All(stats, r => Assert.Equal((null, null, 0L), (r[0], r[1], Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture))));
        await using var connection = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync();
        foreach (var trade in trades)
        {
            await using var lookup = connection.CreateCommand();
            lookup.CommandText = "SELECT string_agg(trade_id, ',') FROM read_parquet($files) WHERE message_id = $id";
            lookup.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter("files", paths));
            lookup.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter("id", trade.MessageId));
            Assert.Equal(trade.TradeId, await lookup.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task Manifest_metrics_describe_the_file()
    {
        var trades = MarketDataSamples.Trades(3).Where(t => t.Exchange == "BINANCE" && t.Timestamp < MarketDataSamples.Day2).ToList();
        var file = Assert.Single(await WriteAsync(trades));

        Assert.Equal(trades.Count, file.RecordCount);
        Assert.Equal(new FileInfo(_table.PathOf(file.Location)).Length, file.FileSizeInBytes);
        Assert.Equal(trades.Count, file.ValueCounts[TradeFields.Symbol]);
        Assert.Equal(0, file.NullValueCounts[TradeFields.Symbol]);
        Assert.Equal(trades.Count(t => t.PlatformSequence is null), file.NullValueCounts[TradeFields.PlatformSequence]);
        Assert.Equal(trades.Sum(t => t.TradeConditions.Count), file.ValueCounts[TradeFields.TradeConditionsElement]);
        Assert.Equal("BTCUSDT", SingleValue.Deserialize(PrimitiveType.String, file.LowerBounds[TradeFields.Symbol]));
        Assert.Equal("ETHUSDT", SingleValue.Deserialize(PrimitiveType.String, file.UpperBounds[TradeFields.Symbol]));
        Assert.Equal(trades.Min(t => UtcMicros.ToMicros(t.Timestamp)), SingleValue.Deserialize(PrimitiveType.TimestampTz, file.LowerBounds[TradeFields.Timestamp]));
        Assert.Equal(trades.Max(t => UtcMicros.ToMicros(t.Timestamp)), SingleValue.Deserialize(PrimitiveType.TimestampTz, file.UpperBounds[TradeFields.Timestamp]));
        Assert.Equal(trades.Min(t => t.Price), SingleValue.Deserialize(MarketDataTypes.Decimal, file.LowerBounds[TradeFields.Price]));
        Assert.DoesNotContain(TradeFields.MessageId, file.LowerBounds.Keys);
        Assert.Equal(TradeFields.Schema.Fields.SelectMany(f => f.AllIds()).Where(id => id is not TradeFields.TradeConditions and not TradeFields.VendorData).Order(), file.ColumnSizes.Keys.Order());
        Assert.Equal(4L, Assert.Single(file.SplitOffsets));
        Assert.Equal(1, file.SortOrderId);
    }

    [Fact]
    public async Task Files_roll_over_at_the_target_row_count_and_row_groups_follow_the_option()
    {
        using var table = new LocalTable(new LakehouseOptions { TargetFileRows = 10, RowGroupRows = 4 });
        var trades = Enumerable.Range(1, 25).Select(i => K2.Testing.Trades.Binance(i, MarketDataSamples.Day1.AddSeconds(i))).ToList();

        var files = await table.Writer.WriteAsync(table.Metadata, trades, MarketDataLayouts.Trades, CancellationToken.None);

        Assert.Equal([10L, 10L, 5L], files.Select(f => f.RecordCount));
        Assert.Equal([3, 3, 2], files.Select(f => f.SplitOffsets.Count));
        var rowGroups = await RawDuckDb.QueryAsync("SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata($path) ORDER BY 1", ("path", table.PathOf(files[0].Location)));
        Assert.Equal([4L, 4L, 2L], rowGroups.Select(r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture)));
        // Sorted across the split: each file continues where the previous one stopped.
        var firstOfSecond = await RawDuckDb.ColumnAsync<string>(table.PathOf(files[1].Location), "trade_id");
        Assert.Equal("BINANCE-11", firstOfSecond[0]);
    }

    [Fact]
    public async Task A_value_that_does_not_fit_decimal_18_8_is_rejected_not_rounded()
    {
        var trade = K2.Testing.Trades.Binance(1) with { Price = 1.000000001m };

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _table.Writer.WriteAsync(_table.Metadata, [trade], MarketDataLayouts.Trades, CancellationToken.None));

        Assert.Empty(Directory.EnumerateFiles(_table.Options.WarehousePath, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("10000000000")]
    [InlineData("-10000000000")]
    [InlineData("79228162514264337593543950335")]
    public async Task A_value_above_decimal_18_8_magnitude_is_rejected(string price)
    {
        var trade = K2.Testing.Trades.Binance(1) with { Price = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture) };

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => WriteAsync([trade]));
    }

    [Fact]
    public async Task The_largest_and_smallest_decimal_18_8_values_are_written_exactly()
    {
        var largest = K2.Testing.Trades.Binance(1) with { Price = 9999999999.99999999m, Quantity = 0.00000001m };
        var files = await WriteAsync([largest]);

        var prices = await RawDuckDb.ColumnAsync<decimal>(_table.PathOf(files[0].Location), "price");
        var quantities = await RawDuckDb.ColumnAsync<decimal>(_table.PathOf(files[0].Location), "quantity");
        Assert.Equal((9999999999.99999999m, 0.00000001m), (prices[0], quantities[0]));
    }

    [Fact]
    public async Task Repeated_strings_are_dictionary_encoded_unique_ones_stay_plain_and_both_read_back()
    {
        using var table = new LocalTable(new LakehouseOptions { RowGroupRows = 2_000, StringDictionarySampleSize = 100 });
        var trades = Enumerable.Range(1, 2_000)
            .Select(i => K2.Testing.Trades.Binance(i, MarketDataSamples.Day1.AddMilliseconds(i), i % 3 == 0 ? "ETHUSDT" : "BTCUSDT"))
            .ToList();

        var path = table.PathOf(Assert.Single(await table.Writer.WriteAsync(table.Metadata, trades, MarketDataLayouts.Trades, CancellationToken.None)).Location);

        var encodings = await EncodingsAsync(path);
        Assert.Contains("DICTIONARY", encodings["symbol"], StringComparison.Ordinal);
        Assert.Contains("DICTIONARY", encodings["exchange"], StringComparison.Ordinal);
        Assert.DoesNotContain("DICTIONARY", encodings["trade_id"], StringComparison.Ordinal);
        var read = await RawDuckDb.QueryAsync("SELECT symbol, trade_id FROM read_parquet($path)", ("path", path));
        Assert.Equal(
            trades.Select(t => (t.Symbol, t.TradeId)).Order(),
            read.Select(r => ((string)r[0]!, (string)r[1]!)).Order());
    }

    [Fact]
    public async Task Dictionary_encoding_of_strings_can_be_turned_off()
    {
        using var table = new LocalTable(new LakehouseOptions { DictionaryEncodeStrings = false });
        var trades = Enumerable.Range(1, 50).Select(i => K2.Testing.Trades.Binance(i, MarketDataSamples.Day1.AddMilliseconds(i))).ToList();

        var path = table.PathOf(Assert.Single(await table.Writer.WriteAsync(table.Metadata, trades, MarketDataLayouts.Trades, CancellationToken.None)).Location);

        Assert.DoesNotContain("DICTIONARY", (await EncodingsAsync(path))["symbol"], StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, string>> EncodingsAsync(string path) =>
        (await RawDuckDb.QueryAsync("SELECT path_in_schema, encodings FROM parquet_metadata($path) WHERE row_group_id = 0", ("path", path)))
            .ToDictionary(r => (string)r[0]!, r => Convert.ToString(r[1], System.Globalization.CultureInfo.InvariantCulture)!);

    private Task<IReadOnlyList<K2.Lakehouse.Iceberg.Manifests.DataFile>> WriteAsync(IReadOnlyList<Trade> trades) =>
        _table.Writer.WriteAsync(_table.Metadata, trades, MarketDataLayouts.Trades, CancellationToken.None);

    private static class MarketDataTypes
    {
        public static PrimitiveType Decimal { get; } = PrimitiveType.Decimal(18, 8);
    }
}
