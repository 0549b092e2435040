using K2.Contracts.Model;
using K2.Lakehouse.Storage;
using Parquet;
using Parquet.Schema;

namespace K2.Lakehouse.Bars;

/// <summary>
/// The 1-minute bar sidecar of a trades data file: a small Parquet file of the data file's <see cref="MinuteBar"/>s,
/// sorted by exchange, symbol and minute, at <c>&lt;data file&gt;.bars-1m.parquet</c> next to it. It is a K2 index
/// outside the Iceberg metadata (no manifest lists it; other engines never see it) and a pure function of an
/// immutable data file, so it never needs invalidation: it exists and is right, or it is absent and readers use the
/// data file's rows. It is published atomically (temp + rename through <see cref="IWarehouseStorage"/>) before the
/// commit that makes its data file visible, and deleted with its data file (docs/lakehouse.md).
/// </summary>
public static class BarSidecar
{
    public const string Suffix = ".bars-1m.parquet";

    private const string DataSuffix = ".parquet";

    /// <summary>Volume: sums of DECIMAL(18, 8) quantities, so 8 decimals and room for many of them.</summary>
    private const int SumPrecision = 38;

    /// <summary>Notional: Σ price × quantity of two 8-decimal numbers has up to 16 decimals, as the raw query keeps.</summary>
    private const int NotionalScale = 16;

    internal static readonly DataField<string> Exchange = new("exchange");
    internal static readonly DataField<string> Symbol = new("symbol");
    internal static readonly DataField<long> Minute = new("minute_us");
    internal static readonly DecimalDataField Open = PriceField("open_price");
    internal static readonly DataField<long> OpenTimestamp = new("open_ts_us");
    internal static readonly DataField<long> OpenSequence = new("open_seq");
    internal static readonly DataField<string> OpenId = new("open_id");
    internal static readonly DecimalDataField High = PriceField("high");
    internal static readonly DecimalDataField Low = PriceField("low");
    internal static readonly DecimalDataField Close = PriceField("close_price");
    internal static readonly DataField<long> CloseTimestamp = new("close_ts_us");
    internal static readonly DataField<long> CloseSequence = new("close_seq");
    internal static readonly DataField<string> CloseId = new("close_id");
    internal static readonly DecimalDataField Volume = new("volume", SumPrecision, MarketDecimal.Scale, isNullable: false);
    internal static readonly DecimalDataField Notional = new("notional", SumPrecision, NotionalScale, isNullable: false);
    internal static readonly DataField<long> TradeCount = new("trade_count");
    internal static readonly DataField<long> MaxSequence = new("max_seq");

    private static readonly ParquetSchema Schema = new(
        Exchange, Symbol, Minute, Open, OpenTimestamp, OpenSequence, OpenId, High, Low,
        Close, CloseTimestamp, CloseSequence, CloseId, Volume, Notional, TradeCount, MaxSequence);

    /// <summary>The sidecar's location for the data file at <paramref name="dataFileLocation"/>.</summary>
    public static string LocationFor(string dataFileLocation)
    {
        ArgumentNullException.ThrowIfNull(dataFileLocation);
        var stem = dataFileLocation.EndsWith(DataSuffix, StringComparison.Ordinal) ? dataFileLocation[..^DataSuffix.Length] : dataFileLocation;
        return stem + Suffix;
    }

    public static bool IsSidecar(string location) => location.EndsWith(Suffix, StringComparison.Ordinal);

    /// <summary>Writes and publishes the sidecar of <paramref name="dataFileLocation"/>; nothing is visible unless all of it is.</summary>
    internal static async Task WriteAsync(IWarehouseStorage storage, string dataFileLocation, IReadOnlyList<MinuteBar> bars, CancellationToken cancellationToken)
    {
        await using var pending = await storage.CreateAsync(LocationFor(dataFileLocation), cancellationToken);
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        await using (var writer = await ParquetWriter.CreateAsync(Schema, pending.Content, options, cancellationToken: cancellationToken))
        {
            using var group = writer.CreateRowGroup();
            await Write(group, Exchange, bars, b => b.Exchange, cancellationToken);
            await Write(group, Symbol, bars, b => b.Symbol, cancellationToken);
            await Write(group, Minute, bars, b => b.MinuteStartMicros, cancellationToken);
            await Write(group, Open, bars, b => b.Open, cancellationToken);
            await Write(group, OpenTimestamp, bars, b => b.OpenTimestampMicros, cancellationToken);
            await Write(group, OpenSequence, bars, b => b.OpenSequence, cancellationToken);
            await Write(group, OpenId, bars, b => b.OpenId, cancellationToken);
            await Write(group, High, bars, b => b.High, cancellationToken);
            await Write(group, Low, bars, b => b.Low, cancellationToken);
            await Write(group, Close, bars, b => b.Close, cancellationToken);
            await Write(group, CloseTimestamp, bars, b => b.CloseTimestampMicros, cancellationToken);
            await Write(group, CloseSequence, bars, b => b.CloseSequence, cancellationToken);
            await Write(group, CloseId, bars, b => b.CloseId, cancellationToken);
            await Write(group, Volume, bars, b => b.Volume, cancellationToken);
            await Write(group, Notional, bars, b => b.Notional, cancellationToken);
            await Write(group, TradeCount, bars, b => b.TradeCount, cancellationToken);
            await Write(group, MaxSequence, bars, b => b.MaxSequence, cancellationToken);
        }

        await pending.PublishAsync(cancellationToken);
    }

    private static DecimalDataField PriceField(string name) => new(name, MarketDecimal.Precision, MarketDecimal.Scale, isNullable: false);

    private static Task Write<TValue>(ParquetRowGroupWriter group, DataField field, IReadOnlyList<MinuteBar> bars, Func<MinuteBar, TValue> value, CancellationToken cancellationToken)
        where TValue : struct =>
        group.WriteAsync<TValue>(field, bars.Select(value).ToArray(), cancellationToken: cancellationToken);

    private static Task Write(ParquetRowGroupWriter group, DataField field, IReadOnlyList<MinuteBar> bars, Func<MinuteBar, string> value, CancellationToken cancellationToken) =>
        group.WriteAsync(field, bars.Select(value).ToArray());
}
