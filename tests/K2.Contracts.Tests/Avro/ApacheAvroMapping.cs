using System.Collections;
using System.Numerics;
using Avro;
using Avro.Generic;
using Avro.IO;
using K2.Contracts.Avro;
using K2.Contracts.Model;

namespace K2.Contracts.Tests.Avro;

/// <summary>
/// Converts between the model and Apache.Avro's GenericRecord, written independently of our codec (field names and
/// enum symbols spelled out here) so the cross-implementation tests compare two separate readings of the .avsc.
/// </summary>
internal static class ApacheAvroMapping
{
    public static readonly RecordSchema TradeSchema = (RecordSchema)Schema.Parse(MarketDataSchemas.Trade.Json);
    public static readonly RecordSchema QuoteSchema = (RecordSchema)Schema.Parse(MarketDataSchemas.Quote.Json);

    private static readonly Dictionary<AssetClass, string> AssetClassSymbols = new()
    {
        [AssetClass.Equities] = "EQUITIES",
        [AssetClass.Crypto] = "CRYPTO",
        [AssetClass.Futures] = "FUTURES",
        [AssetClass.Options] = "OPTIONS",
    };

    private static readonly Dictionary<TradeSide, string> SideSymbols = new()
    {
        [TradeSide.Buy] = "BUY",
        [TradeSide.Sell] = "SELL",
        [TradeSide.SellShort] = "SELL_SHORT",
        [TradeSide.Unknown] = "UNKNOWN",
    };

    public static byte[] WriteBody(GenericRecord record)
    {
        using var stream = new MemoryStream();
        var encoder = new BinaryEncoder(stream);
        new GenericDatumWriter<GenericRecord>(record.Schema).Write(record, encoder);
        encoder.Flush();
        return stream.ToArray();
    }

    public static GenericRecord ReadBody(RecordSchema schema, ReadOnlySpan<byte> body)
    {
        using var stream = new MemoryStream(body.ToArray());
        var record = new GenericDatumReader<GenericRecord>(schema, schema).Read(null!, new BinaryDecoder(stream));
        Assert.Equal(stream.Length, stream.Position);
        return record;
    }

    public static GenericRecord ToGeneric(Trade trade)
    {
        var record = new GenericRecord(TradeSchema);
        record.Add("message_id", trade.MessageId);
        record.Add("trade_id", trade.TradeId);
        record.Add("symbol", trade.Symbol);
        record.Add("exchange", trade.Exchange);
        record.Add("asset_class", Enum(TradeSchema, "asset_class", AssetClassSymbols[trade.AssetClass]));
        record.Add("timestamp", trade.Timestamp.UtcDateTime);
        record.Add("price", Decimal(trade.Price));
        record.Add("quantity", Decimal(trade.Quantity));
        record.Add("currency", trade.Currency);
        record.Add("side", Enum(TradeSchema, "side", SideSymbols[trade.Side]));
        record.Add("trade_conditions", trade.TradeConditions.ToArray<object>());
        record.Add("source_sequence", trade.SourceSequence);
        record.Add("ingestion_timestamp", trade.IngestionTimestamp.UtcDateTime);
        record.Add("platform_sequence", trade.PlatformSequence);
        record.Add("vendor_data", Map(trade.VendorData));
        return record;
    }

    public static GenericRecord ToGeneric(Quote quote)
    {
        var record = new GenericRecord(QuoteSchema);
        record.Add("message_id", quote.MessageId);
        record.Add("quote_id", quote.QuoteId);
        record.Add("symbol", quote.Symbol);
        record.Add("exchange", quote.Exchange);
        record.Add("asset_class", Enum(QuoteSchema, "asset_class", AssetClassSymbols[quote.AssetClass]));
        record.Add("timestamp", quote.Timestamp.UtcDateTime);
        record.Add("bid_price", Decimal(quote.BidPrice));
        record.Add("bid_quantity", Decimal(quote.BidQuantity));
        record.Add("ask_price", Decimal(quote.AskPrice));
        record.Add("ask_quantity", Decimal(quote.AskQuantity));
        record.Add("currency", quote.Currency);
        record.Add("source_sequence", quote.SourceSequence);
        record.Add("ingestion_timestamp", quote.IngestionTimestamp.UtcDateTime);
        record.Add("platform_sequence", quote.PlatformSequence);
        record.Add("vendor_data", Map(quote.VendorData));
        return record;
    }

    public static Trade ToTrade(GenericRecord record) => new()
    {
        MessageId = (Guid)record["message_id"],
        TradeId = (string)record["trade_id"],
        Symbol = (string)record["symbol"],
        Exchange = (string)record["exchange"],
        AssetClass = AssetClassSymbols.Single(pair => pair.Value == ((GenericEnum)record["asset_class"]).Value).Key,
        Timestamp = Timestamp(record["timestamp"]),
        Price = Decimal(record["price"]),
        Quantity = Decimal(record["quantity"]),
        Currency = (string)record["currency"],
        Side = SideSymbols.Single(pair => pair.Value == ((GenericEnum)record["side"]).Value).Key,
        TradeConditions = ((IEnumerable)record["trade_conditions"]).Cast<string>().ToArray(),
        SourceSequence = (long?)record["source_sequence"],
        IngestionTimestamp = Timestamp(record["ingestion_timestamp"]),
        PlatformSequence = (long?)record["platform_sequence"],
        VendorData = Map(record["vendor_data"]),
    };

    public static Quote ToQuote(GenericRecord record) => new()
    {
        MessageId = (Guid)record["message_id"],
        QuoteId = (string)record["quote_id"],
        Symbol = (string)record["symbol"],
        Exchange = (string)record["exchange"],
        AssetClass = AssetClassSymbols.Single(pair => pair.Value == ((GenericEnum)record["asset_class"]).Value).Key,
        Timestamp = Timestamp(record["timestamp"]),
        BidPrice = Decimal(record["bid_price"]),
        BidQuantity = Decimal(record["bid_quantity"]),
        AskPrice = Decimal(record["ask_price"]),
        AskQuantity = Decimal(record["ask_quantity"]),
        Currency = (string)record["currency"],
        SourceSequence = (long?)record["source_sequence"],
        IngestionTimestamp = Timestamp(record["ingestion_timestamp"]),
        PlatformSequence = (long?)record["platform_sequence"],
        VendorData = Map(record["vendor_data"]),
    };

    private static GenericEnum Enum(RecordSchema schema, string field, string symbol) =>
        new((EnumSchema)schema[field].Schema, symbol);

    /// <summary>Apache's decimal logical type insists the value's scale equals the schema's, so build it at scale 8.</summary>
    private static AvroDecimal Decimal(decimal value) =>
        new(new BigInteger(MarketDecimal.ToUnscaled(value)), MarketDecimal.Scale);

    private static decimal Decimal(object value)
    {
        var avroDecimal = (AvroDecimal)value;
        Assert.Equal(MarketDecimal.Scale, avroDecimal.Scale);
        return MarketDecimal.FromUnscaled((long)avroDecimal.UnscaledValue);
    }

    private static DateTimeOffset Timestamp(object value) => new(DateTime.SpecifyKind((DateTime)value, DateTimeKind.Utc));

    private static Dictionary<string, object> Map(IReadOnlyDictionary<string, string> map) =>
        map.ToDictionary(entry => entry.Key, entry => (object)entry.Value, StringComparer.Ordinal);

    private static Dictionary<string, string> Map(object map) =>
        ((IDictionary<string, object>)map).ToDictionary(entry => entry.Key, entry => (string)entry.Value, StringComparer.Ordinal);
}
