using CsCheck;
using K2.Contracts.Model;

namespace K2.Contracts.Tests.Avro;

/// <summary>Generators of valid model values, biased toward the edges the wire format has to get right.</summary>
internal static class MarketDataGen
{
    /// <summary>Integer digits DECIMAL(18,8) allows: 18 - 8.</summary>
    private const int IntegerDigits = MarketDecimal.Precision - MarketDecimal.Scale;

    private const int LastBmpBeforeSurrogates = 0xD7FF;
    private const int FirstAfterSurrogates = 0xE000;
    private const int MaxCodePoint = 0x10FFFF;
    private const int MaxAscii = 0x7F;
    private const int MaxTextLength = 12;
    private const int MaxCollectionCount = 5;

    /// <summary>Hand-picked values: range ends, the smallest step, and the value from the brief.</summary>
    public static readonly decimal[] EdgeDecimals =
    [
        0m, 1m, -1m, 0.00000001m, -0.00000001m, 0.00012345m, -0.00012345m, 1.50m,
        MarketDecimal.MaxValue, MarketDecimal.MinValue, 9_999_999_999m, -9_999_999_999m, 0.10000000m,
    ];

    /// <summary>
    /// Any DECIMAL(18,8) value, at any scale 0..8 (so originals print as "1.5", "0.00012345" or "7"), plus the
    /// whole unscaled range at scale 8.
    /// </summary>
    public static readonly Gen<decimal> Decimal = Gen.Frequency(
        (1, Gen.OneOf(EdgeDecimals)),
        (2, Gen.Long[-MarketDecimal.MaxUnscaled, MarketDecimal.MaxUnscaled].Select(MarketDecimal.FromUnscaled)),
        (3, Gen.Int[0, MarketDecimal.Scale].SelectMany(scale =>
            Gen.Long[-MaxMantissa(scale), MaxMantissa(scale)].Select(mantissa => WithScale(mantissa, scale)))));

    /// <summary>Timestamps at µs precision across DateTimeOffset's whole range, pre-1970 included.</summary>
    public static readonly Gen<DateTimeOffset> Timestamp = Gen.Frequency(
        (1, Gen.OneOf(UtcMicros.MinMicros, UtcMicros.MaxMicros, -1L, 0L, 1L).Select(UtcMicros.FromMicros)),
        (4, Gen.Long[UtcMicros.MinMicros, UtcMicros.MaxMicros].Select(UtcMicros.FromMicros)));

    /// <summary>Empty, ASCII or any Unicode scalar values (never lone surrogates, which UTF-8 cannot carry).</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (1, Gen.Const(string.Empty)),
        (2, Gen.Int[' ', MaxAscii].Array[0, MaxTextLength].Select(Concat)),
        (2, Gen.Frequency(
                (1, Gen.Int[0, LastBmpBeforeSurrogates]),
                (1, Gen.Int[FirstAfterSurrogates, MaxCodePoint]))
            .Array[0, MaxTextLength].Select(Concat)));

    public static readonly Gen<long?> Sequence = Gen.Frequency(
        (1, Gen.Const((long?)null)),
        (1, Gen.OneOf<long?>(long.MinValue, long.MaxValue, 0L, -1L)),
        (3, Gen.Long.Select(value => (long?)value)));

    public static readonly Gen<IReadOnlyList<string>> Conditions =
        Text.Array[0, MaxCollectionCount].Select(items => (IReadOnlyList<string>)items);

    public static readonly Gen<IReadOnlyDictionary<string, string>> VendorData =
        Gen.Select(Text, Text).Array[0, MaxCollectionCount].Select(ToMap);

    public static readonly Gen<Trade> Trade = Gen.Select(
        Gen.Select(Gen.Guid, Text, Text, Text, Gen.Enum<AssetClass>(), Timestamp, Decimal, Decimal),
        Gen.Select(Text, Gen.Enum<TradeSide>(), Conditions, Sequence, Timestamp, Sequence, VendorData),
        (a, b) => new Trade
        {
            MessageId = a.Item1,
            TradeId = a.Item2,
            Symbol = a.Item3,
            Exchange = a.Item4,
            AssetClass = a.Item5,
            Timestamp = a.Item6,
            Price = a.Item7,
            Quantity = a.Item8,
            Currency = b.Item1,
            Side = b.Item2,
            TradeConditions = b.Item3,
            SourceSequence = b.Item4,
            IngestionTimestamp = b.Item5,
            PlatformSequence = b.Item6,
            VendorData = b.Item7,
        });

    public static readonly Gen<Quote> Quote = Gen.Select(
        Gen.Select(Gen.Guid, Text, Text, Text, Gen.Enum<AssetClass>(), Timestamp, Decimal, Decimal),
        Gen.Select(Decimal, Decimal, Text, Sequence, Timestamp, Sequence, VendorData),
        (a, b) => new Quote
        {
            MessageId = a.Item1,
            QuoteId = a.Item2,
            Symbol = a.Item3,
            Exchange = a.Item4,
            AssetClass = a.Item5,
            Timestamp = a.Item6,
            BidPrice = a.Item7,
            BidQuantity = a.Item8,
            AskPrice = b.Item1,
            AskQuantity = b.Item2,
            Currency = b.Item3,
            SourceSequence = b.Item4,
            IngestionTimestamp = b.Item5,
            PlatformSequence = b.Item6,
            VendorData = b.Item7,
        });

    /// <summary>A plain, valid trade for example-based tests.</summary>
    public static Trade SampleTrade() => new()
    {
        MessageId = Guid.Parse("6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"),
        TradeId = "BINANCE-4851805410",
        Symbol = "BTCUSDT",
        Exchange = "BINANCE",
        AssetClass = AssetClass.Crypto,
        Timestamp = UtcMicros.FromMicros(1_764_201_600_123_456),
        Price = 91_234.56m,
        Quantity = 0.00012345m,
        Currency = "USDT",
        Side = TradeSide.SellShort,
        TradeConditions = ["@", "T"],
        SourceSequence = 4_851_805_410,
        IngestionTimestamp = UtcMicros.FromMicros(1_764_201_600_234_567),
        PlatformSequence = null,
        VendorData = new Dictionary<string, string> { ["is_best_match"] = "true", ["venue"] = "spot" },
    };

    public static Quote SampleQuote() => new()
    {
        MessageId = Guid.Parse("0b6d7c5e-1f2a-4b3c-9d8e-7f6a5b4c3d2e"),
        QuoteId = "BINANCE-77",
        Symbol = "ETHUSDT",
        Exchange = "BINANCE",
        AssetClass = AssetClass.Crypto,
        Timestamp = UtcMicros.FromMicros(1_764_201_600_000_001),
        BidPrice = 3_012.5m,
        BidQuantity = 1.25m,
        AskPrice = 3_012.51m,
        AskQuantity = 0m,
        Currency = "USDT",
        SourceSequence = null,
        IngestionTimestamp = UtcMicros.FromMicros(1_764_201_600_000_002),
        PlatformSequence = 42,
    };

    private static long MaxMantissa(int scale) => (long)Math.Pow(10, IntegerDigits + scale) - 1;

    /// <summary>Builds the decimal from its parts so the scale (and trailing zeros) are exactly as generated.</summary>
    private static decimal WithScale(long mantissa, int scale)
    {
        var magnitude = (ulong)Math.Abs(mantissa);
        return new decimal((int)(uint)magnitude, (int)(magnitude >> 32), 0, mantissa < 0, (byte)scale);
    }

    private static string Concat(int[] codePoints) => string.Concat(codePoints.Select(char.ConvertFromUtf32));

    private static IReadOnlyDictionary<string, string> ToMap((string Key, string Value)[] pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            map.TryAdd(key, value);
        }

        return map;
    }
}
