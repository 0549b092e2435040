using System.Globalization;
using CsCheck;
using K2.Contracts.Model;
using K2.Ingestion.Binance.Configuration;

namespace K2.PropertyTests.Binance;

/// <summary>Generators of valid Binance trade events and of arbitrary JSON to put in their place.</summary>
internal static class BinanceGen
{
    private const int IntegerDigits = MarketDecimal.Precision - MarketDecimal.Scale;
    private const int MaxPadding = 3;
    private const int MaxBaseAssetLength = 8;
    private const int MaxExtraFields = 3;
    private const int MaxJsonDepth = 3;

    /// <summary>Keys Binance sends that K2 does not read, and future ones; none collides with a read key.</summary>
    private static readonly string[] ExtraKeys = ["b", "a", "X", "x", "ignore", "E2", "tt"];

    public static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>
    /// A positive decimal that fits DECIMAL(18,8), as Binance-style text: up to 10 integer and 8 fraction digits, with
    /// leading zeros and trailing zeros past the eighth decimal that lose nothing.
    /// </summary>
    public static readonly Gen<string> PositiveDecimalText = Gen.Select(
            Gen.Char['0', '9'].Array[1, IntegerDigits],
            Gen.Char['0', '9'].Array[0, MarketDecimal.Scale],
            Gen.Int[0, MaxPadding],
            Gen.Int[0, MaxPadding])
        .Select((integer, fraction, leadingZeros, trailingZeros) =>
            new string('0', leadingZeros) + new string(integer)
            + (fraction.Length == 0 && trailingZeros == 0 ? string.Empty : "." + new string(fraction) + new string('0', trailingZeros)))
        .Where(text => decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) > 0m);

    /// <summary>A configured symbol, or any upper-case base asset before one of the known quote assets.</summary>
    public static readonly Gen<(string Symbol, string Quote)> Symbol = Gen.Frequency(
        (1, Gen.OneOf([.. BinanceFeedDefaults.Symbols]).Select(symbol => (symbol, "USDT"))),
        (3, Gen.Select(
            Gen.Char['A', 'Z'].Array[1, MaxBaseAssetLength].Select(chars => new string(chars)),
            Gen.OneOf([.. BinanceFeedDefaults.QuoteAssets]))
            .Select((baseAsset, quote) => (baseAsset + quote, quote))));

    /// <summary>Any JSON value, nested a little: what a broken or hostile sender might put in any field.</summary>
    public static readonly Gen<string> AnyJson = Json(MaxJsonDepth);

    public static readonly Gen<BinanceEvent> Event = Gen.Select(
        Gen.Select(Symbol, Gen.Long[0, long.MaxValue], PositiveDecimalText, PositiveDecimalText),
        Gen.Select(Gen.Long[0, MaxUnixMilliseconds], Gen.Long[0, MaxUnixMilliseconds], Gen.Bool, Gen.OneOf<bool?>(null, true, false)),
        Gen.Select(Gen.Bool, Gen.Select(Gen.OneOf(ExtraKeys), AnyJson).Array[0, MaxExtraFields], Gen.Int[0, 15].Array[1, 12]),
        (a, b, c) => new BinanceEvent(
            a.Item1.Symbol, a.Item1.Quote, a.Item2, a.Item3, a.Item4,
            b.Item1, b.Item2, b.Item3, b.Item4,
            c.Item1, [.. c.Item2.DistinctBy(extra => extra.Item1)], c.Item3));

    private static Gen<string> Json(int depth)
    {
        var scalar = Gen.Frequency(
            (1, Gen.OneOf("null", "true", "false", "0", "-0", "1e3", "1.0", "-1", "1E-9", "\"\"", "9223372036854775808", "-9223372036854775809")),
            (2, Gen.Long.Select(value => value.ToString(CultureInfo.InvariantCulture))),
            (2, Gen.Double.Select(value => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "0")),
            (3, Gen.Char[" !#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[]^_`abcxyz{|}~é€"].Array[0, 12]
                .Select(chars => "\"" + new string(chars) + "\"")),
            (1, Gen.OneOf("\"\\u0000\"", "\"\\\"\"", "\"\\\\\"", "\"\\uD83D\\uDE00\"", "\"\\n\"")));
        if (depth == 0)
        {
            return scalar;
        }

        var inner = Json(depth - 1);
        return Gen.Frequency(
            (6, scalar),
            (1, inner.Array[0, 3].Select(items => "[" + string.Join(',', items) + "]")),
            (1, Gen.Select(Gen.OneOf("a", "e", "p", "x", ""), inner).Array[0, 3]
                .Select(pairs => "{" + string.Join(',', pairs.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}")));
    }
}
