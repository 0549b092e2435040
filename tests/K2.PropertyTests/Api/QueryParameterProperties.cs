using System.Globalization;
using System.Text.RegularExpressions;
using CsCheck;
using K2.Api.Query;
using K2.Api.Query.Candles;
using K2.Api.Query.Cursors;
using K2.Testing;
using Microsoft.Extensions.Options;

namespace K2.PropertyTests.Api;

/// <summary>
/// Query parameters are arbitrary text from the internet. Each parser accepts exactly what the API documents
/// (docs/api.md) and answers anything else with an <see cref="ApiException"/> carrying 400 and the parameter's own
/// error code: the exception the endpoints turn into the error body, never one that becomes a 500.
/// </summary>
public sealed partial class QueryParameterProperties
{
    private static readonly QueryOptions Limits = new();

    /// <summary>Classic injection payloads; every parameter must treat them as plain invalid text.</summary>
    internal static readonly string[] SqlInjection =
    [
        "'; DROP TABLE trades; --", "' OR '1'='1", "1; SELECT * FROM pg_catalog.pg_tables", "1 UNION SELECT NULL--",
        "BHP') OR 1=1--", "read_parquet('/etc/passwd')", "$1", "\\'", "%27%20OR%201%3D1", "1/**/OR/**/1=1",
    ];

    /// <summary>Hostile and near-miss text for any parameter.</summary>
    internal static readonly Gen<string> AnyText = Gen.Frequency(
        (3, Gen.String[0, 40]),
        (3, Gen.Char["0123456789-+:.TZtz /,eE_"].Array[0, 40].Select(chars => new string(chars))),
        (2, Gen.OneOf(SqlInjection)),
        (1, Gen.OneOf("", " ", "0", "-1", "1", "10000", "10001", "2147483648", "-2147483649", "1e3", "0x10", "１０", "٣", "+5", " 5", "5 ",
            "NaN", "null", "asc", "ASC", "desc", "Desc", "ascending", "1m", "1M", "60s", "2014-03-11T00:00:00Z", "2014-03-11", "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.9999999Z", "2014-03-11T00:00:00.0000001Z", "2014-03-11T00:00:00+14:00", "2014-02-30T00:00:00Z", "24:00", "-0")));

    [Fact]
    public void Limit_is_a_whole_number_in_range_or_a_400_invalid_limit() =>
        AnyText.Sample(text =>
        {
            var expected = Digits().IsMatch(text) && int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= Limits.MaxLimit ? n : (int?)null;
            AssertParses(() => HistoryRequestParser.ParseLimit(text, Limits), expected, "invalid_limit");
        }, iter: PropertyRuns.Iterations(5_000));

    [Fact]
    public void Any_whole_number_limit_is_accepted_exactly_when_in_range() =>
        Gen.Long[long.MinValue / 2, long.MaxValue / 2].Sample(n =>
            AssertParses(
                () => HistoryRequestParser.ParseLimit(n.ToString(CultureInfo.InvariantCulture), Limits),
                n >= 1 && n <= Limits.MaxLimit ? (int)n : null,
                "invalid_limit"),
            iter: PropertyRuns.Iterations(2_000));

    [Fact]
    public void Order_is_asc_or_desc_in_any_case_or_a_400_invalid_order() =>
        Gen.Frequency((3, AnyText), (1, Gen.OneOf("asc", "desc").SelectMany(word => Gen.Bool.Array[word.Length].Select(upper =>
                string.Concat(word.Select((c, i) => upper[i] ? char.ToUpperInvariant(c) : c))))))
            .Sample(text =>
            {
                bool? expected = text.ToUpperInvariant() switch { "ASC" => false, "DESC" => true, _ => null };
                AssertParses(() => HistoryRequestParser.ParseOrder(text), expected, "invalid_order");
            }, iter: PropertyRuns.Iterations(3_000));

    [Fact]
    public void Symbols_are_short_ascii_codes_or_a_400_invalid_symbol() =>
        Gen.Select(Gen.Frequency((1, AnyText), (2, Gen.Char["ABCxyz019.-_/ é"].Array[0, 70].Select(c => new string(c)))), AnyText).Sample((exchange, symbol) =>
        {
            var valid = SymbolPart().IsMatch(exchange) && SymbolPart().IsMatch(symbol);
            AssertParses(
                () => HistoryRequestParser.ParseSymbol(exchange, symbol).ToString(),
                valid ? $"{exchange.ToUpperInvariant()}/{symbol.ToUpperInvariant()}" : null,
                "invalid_symbol");
        }, iter: PropertyRuns.Iterations(3_000));

    /// <summary>Any instant with whole microseconds, written in ISO-8601 with any offset, means exactly that instant.</summary>
    [Fact]
    public void An_iso_instant_at_microsecond_precision_parses_to_exactly_that_instant() =>
        Gen.Select(Gen.Long[TimeSpan.TicksPerDay, DateTimeOffset.MaxValue.Ticks - TimeSpan.TicksPerDay], Gen.Int[-14 * 60, 14 * 60], Gen.Int[0, 6]).Sample((ticks, offsetMinutes, digits) =>
        {
            var instant = new DateTimeOffset(ticks - (ticks % (long)Math.Pow(10, 7 - digits)), TimeSpan.Zero);
            var text = instant.ToOffset(TimeSpan.FromMinutes(offsetMinutes))
                .ToString("yyyy-MM-dd'T'HH:mm:ss" + (digits > 0 ? "." + new string('f', digits) : string.Empty) + "zzz", CultureInfo.InvariantCulture);

            Assert.Equal(instant, HistoryRequestParser.ParseInstant(text, "start"));
        }, iter: PropertyRuns.Iterations(3_000));

    [Fact]
    public void Any_text_as_an_instant_is_a_whole_microsecond_instant_or_a_400_invalid_time() =>
        AnyText.Sample(text =>
        {
            try
            {
                var instant = HistoryRequestParser.ParseInstant(text, "start");
                Assert.NotNull(instant);
                Assert.Equal(0, instant.Value.Ticks % 10);
            }
            catch (ApiException error)
            {
                Assert.Equal((400, "invalid_time"), (error.StatusCode, error.Error));
            }
        }, iter: PropertyRuns.Iterations(5_000));

    [Fact]
    public void Interval_is_a_documented_width_or_a_400_invalid_interval() =>
        AnyText.Sample(text =>
        {
            long? expected = text switch { "1m" => 60_000_000, "5m" => 300_000_000, "15m" => 900_000_000, "1h" => 3_600_000_000, "1d" => 86_400_000_000, _ => null };
            AssertParses(() => CandleInterval.Parse(text), expected, "invalid_interval");
        }, iter: PropertyRuns.Iterations(3_000));

    /// <summary>Every parameter of a history request at once, each arbitrary or missing: a request or a 400.</summary>
    [Fact]
    public void A_whole_history_request_of_arbitrary_parameters_is_a_request_or_a_400() =>
        Gen.Select(
                Gen.Select(Gen.OneOf<string?>("ASX", "BINANCE", null), Gen.OneOf<string?>("BHP", "BTCUSDT", null), AnyText.Null(), AnyText.Null()),
                Gen.Select(AnyText.Null(), AnyText.Null(), AnyText.Null(), AnyText.Null(), AnyText.Null()))
            .Sample((a, b) =>
            {
                var text = new HistoryQueryText
                {
                    Exchange = a.Item1,
                    Symbol = a.Item2,
                    Start = a.Item3,
                    End = a.Item4,
                    Limit = b.Item1,
                    Cursor = b.Item2,
                    Order = b.Item3,
                    AsOfSnapshot = b.Item4,
                    AsOf = b.Item5,
                };
                var parser = new HistoryRequestParser(Options.Create(Limits), new CursorCodec(Options.Create(Limits)));
                try
                {
                    var request = parser.Parse(text, "trades");
                    Assert.InRange(request.Limit, 1, Limits.MaxLimit);
                }
                catch (ApiException error)
                {
                    Assert.Equal(400, error.StatusCode);
                    Assert.StartsWith("invalid_", error.Error, StringComparison.Ordinal);
                }
            }, iter: PropertyRuns.Iterations(5_000));

    private static void AssertParses<T>(Func<T> parse, T? expected, string errorCode)
        where T : struct
    {
        if (expected is { } value)
        {
            Assert.Equal(value, parse());
        }
        else
        {
            var error = Assert.Throws<ApiException>(() => parse());
            Assert.Equal((400, errorCode), (error.StatusCode, error.Error));
        }
    }

    private static void AssertParses(Func<string> parse, string? expected, string errorCode)
    {
        if (expected is not null)
        {
            Assert.Equal(expected, parse());
        }
        else
        {
            var error = Assert.Throws<ApiException>(() => parse());
            Assert.Equal((400, errorCode), (error.StatusCode, error.Error));
        }
    }

    [GeneratedRegex(@"^[0-9]+\z")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex SymbolPart();
}
