using K2.Contracts.Model;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Iceberg.Values;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Tests.Infrastructure;
using K2.Lakehouse.Writing;

namespace K2.Lakehouse.Tests.Parquet;

/// <summary>
/// The market-data layouts bind every column with its own type, so the column writers fill typed buffers and keep
/// typed bounds instead of boxing each cell. The files must not change: the same rows written through the same
/// readers as boxed values (the generic path compaction and schema additions use) give byte-identical files and
/// identical Iceberg metrics, and both carry what the scenario put in.
/// </summary>
public sealed class TypedColumnWriteTests : IDisposable
{
    // Row groups of 7 rows: the typed bounds are merged across several row groups of a file.
    private readonly LocalTable _table = new(new LakehouseOptions { RowGroupRows = 7 });

    public void Dispose() => _table.Dispose();

    [Fact]
    public async Task Typed_bindings_write_the_same_bytes_and_metrics_as_boxed_bindings()
    {
        var trades = Scenario();
        var boxed = new RowLayout<Trade>(TradeFields.Schema.Fields.ToDictionary(field => field.Id, field => MarketDataLayouts.Trades.Find(field.Id)!));

        var typedFile = Assert.Single(await _table.Writer.WriteAsync(_table.Metadata, trades, MarketDataLayouts.Trades, CancellationToken.None));
        var boxedFile = Assert.Single(await _table.Writer.WriteAsync(_table.Metadata, trades, boxed, CancellationToken.None));

        Assert.Equal(await File.ReadAllBytesAsync(_table.PathOf(boxedFile.Location)), await File.ReadAllBytesAsync(_table.PathOf(typedFile.Location)));
        Assert.Equal(boxedFile.RecordCount, typedFile.RecordCount);
        Assert.Equal(Sorted(boxedFile.ValueCounts), Sorted(typedFile.ValueCounts));
        Assert.Equal(Sorted(boxedFile.NullValueCounts), Sorted(typedFile.NullValueCounts));
        Assert.Equal(Sorted(boxedFile.LowerBounds), Sorted(typedFile.LowerBounds));
        Assert.Equal(Sorted(boxedFile.UpperBounds), Sorted(typedFile.UpperBounds));
        Assert.Equal(Sorted(boxedFile.ColumnSizes), Sorted(typedFile.ColumnSizes));
    }

    [Fact]
    public async Task Typed_bindings_record_the_scenarios_counts_and_bounds()
    {
        var trades = Scenario();

        var file = Assert.Single(await _table.Writer.WriteAsync(_table.Metadata, trades, MarketDataLayouts.Trades, CancellationToken.None));

        var sequenced = trades.Where(t => t.PlatformSequence is not null).Select(t => t.PlatformSequence!.Value).ToList();
        Assert.Equal(trades.Count, file.ValueCounts[TradeFields.PlatformSequence]);
        Assert.Equal(trades.Count - sequenced.Count, file.NullValueCounts[TradeFields.PlatformSequence]);
        Assert.Equal(sequenced.Min(), Bound(file.LowerBounds, TradeFields.PlatformSequence, PrimitiveType.Long));
        Assert.Equal(sequenced.Max(), Bound(file.UpperBounds, TradeFields.PlatformSequence, PrimitiveType.Long));
        Assert.Equal(trades.Count(t => t.SourceSequence is null), file.NullValueCounts[TradeFields.SourceSequence]);
        Assert.Equal(trades.Min(t => t.Price), Bound(file.LowerBounds, TradeFields.Price, PrimitiveType.Decimal(18, 8)));
        Assert.Equal(trades.Max(t => t.Quantity), Bound(file.UpperBounds, TradeFields.Quantity, PrimitiveType.Decimal(18, 8)));
        Assert.Equal("ADAUSDT", Bound(file.LowerBounds, TradeFields.Symbol, PrimitiveType.String));
        Assert.Equal("SOLUSDT", Bound(file.UpperBounds, TradeFields.Symbol, PrimitiveType.String));
        Assert.Equal(trades.Max(t => UtcMicros.ToMicros(t.Timestamp)), Bound(file.UpperBounds, TradeFields.Timestamp, PrimitiveType.TimestampTz));
        Assert.Equal(0, file.NullValueCounts[TradeFields.MessageId]);
        Assert.DoesNotContain(TradeFields.MessageId, file.LowerBounds.Keys);

        var nulls = await RawDuckDb.QueryAsync("SELECT count(*) - count(platform_sequence), sum(price) FROM read_parquet($path)", ("path", _table.PathOf(file.Location)));
        Assert.Equal((long)(trades.Count - sequenced.Count), Convert.ToInt64(nulls[0][0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(trades.Sum(t => t.Price), Convert.ToDecimal(nulls[0][1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Typed_partitioning_and_sorting_write_the_same_files_as_boxed_bindings_over_several_partitions()
    {
        // Two exchanges over two days, shuffled: partitions are interleaved row by row and come back in runs, so the
        // typed check against the previous row's partition both matches and misses; rows arrive out of order.
        var random = new Random(11);
        var start = K2.Testing.Trades.BaseTime;
        string[] symbols = ["SOLUSDT", "ADAUSDT", "ETHUSDT", "BTCUSDT"];
        var trades = Enumerable.Range(1, 300)
            .Select(i => Sample(i, start.AddHours(random.Next(36)).AddMilliseconds(i), symbols[i % 4]) with { PlatformSequence = i % 4 == 0 ? null : i })
            .OrderBy(_ => random.Next())
            .ToList();
        var boxed = new RowLayout<Trade>(TradeFields.Schema.Fields.ToDictionary(field => field.Id, field => MarketDataLayouts.Trades.Find(field.Id)!));

        var typedFiles = await _table.Writer.WriteAsync(_table.Metadata, trades, MarketDataLayouts.Trades, CancellationToken.None);
        var boxedFiles = await _table.Writer.WriteAsync(_table.Metadata, trades, boxed, CancellationToken.None);

        var expected = trades
            .GroupBy(t => (t.Exchange, Day: Transform.DayOf(UtcMicros.ToMicros(t.Timestamp))))
            .OrderBy(g => g.Key.Exchange, StringComparer.Ordinal).ThenBy(g => g.Key.Day)
            .Select(g => (g.Key.Exchange, g.Key.Day, Rows: (long)g.Count()))
            .ToList();
        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, typedFiles.Select(f => ((string)f.Partition[0]!, (int)f.Partition[1]!, f.RecordCount)));
        Assert.Equal(boxedFiles.Count, typedFiles.Count);
        foreach (var (typedFile, boxedFile) in typedFiles.Zip(boxedFiles))
        {
            Assert.Equal(boxedFile.Partition, typedFile.Partition);
            Assert.Equal(await File.ReadAllBytesAsync(_table.PathOf(boxedFile.Location)), await File.ReadAllBytesAsync(_table.PathOf(typedFile.Location)));
            Assert.Equal(Sorted(boxedFile.ValueCounts), Sorted(typedFile.ValueCounts));
            Assert.Equal(Sorted(boxedFile.NullValueCounts), Sorted(typedFile.NullValueCounts));
            Assert.Equal(Sorted(boxedFile.LowerBounds), Sorted(typedFile.LowerBounds));
            Assert.Equal(Sorted(boxedFile.UpperBounds), Sorted(typedFile.UpperBounds));
        }

        // The rows of each file come back in the table's sort order: symbol (UTF-8), then time.
        var first = typedFiles[0];
        var rows = await RawDuckDb.QueryAsync("SELECT symbol, epoch_us(\"timestamp\") FROM read_parquet($path)", ("path", _table.PathOf(first.Location)));
        var inFile = rows.Select(r => ((string)r[0]!, Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(inFile.OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2), inFile);
        Assert.Equal(expected[0].Rows, inFile.Count);
    }

    /// <summary>
    /// 40 trades over three symbols in one partition: prices and quantities that vary, a platform sequence on every
    /// other trade (nulls in between), no source sequence on every fifth, and an equal-price run across row groups.
    /// </summary>
    private static List<Trade> Scenario()
    {
        string[] symbols = ["SOLUSDT", "ADAUSDT", "ETHUSDT"];
        return [.. Enumerable.Range(1, 40).Select(i => K2.Testing.Trades.Binance(i, symbol: symbols[i % symbols.Length]) with
        {
            Price = i is > 10 and < 20 ? 100m : 50m + (i * 7 % 13 * 0.5m),
            Quantity = 0.001m * i,
            PlatformSequence = i % 2 == 0 ? 1_000 + i : null,
            SourceSequence = i % 5 == 0 ? null : i,
            VendorData = i % 3 == 0 ? new Dictionary<string, string> { ["b"] = "2", ["a"] = $"{i}" } : new Dictionary<string, string>(),
            TradeConditions = i % 4 == 0 ? ["X", "Y"] : [],
        })];
    }

    private static Trade Sample(int i, DateTimeOffset at, string symbol) =>
        i % 3 == 0 ? K2.Testing.Trades.Asx(i, symbol, at) : K2.Testing.Trades.Binance(i, at, symbol);

    private static object Bound(IReadOnlyDictionary<int, byte[]> bounds, int fieldId, PrimitiveType type) =>
        SingleValue.Deserialize(type, bounds[fieldId]);

    private static List<KeyValuePair<int, TValue>> Sorted<TValue>(IReadOnlyDictionary<int, TValue> values) =>
        [.. values.OrderBy(pair => pair.Key)];
}
