using K2.Api.Query;
using K2.Api.Query.Cursors;
using K2.Lakehouse.Reading;
using Microsoft.Extensions.Options;

namespace K2.Api.Tests.Query;

public sealed class HistoryRequestParserTests
{
    private static readonly QueryOptions Limits = new() { DefaultLimit = 100, MaxLimit = 10_000 };
    private readonly CursorCodec _cursors = new(Options.Create(Limits));
    private readonly HistoryRequestParser _parser;

    public HistoryRequestParserTests() => _parser = new HistoryRequestParser(Options.Create(Limits), _cursors);

    [Fact]
    public void Defaults_are_newest_first_the_default_limit_and_now()
    {
        var request = _parser.Parse(new HistoryQueryText { Exchange = "asx", Symbol = "bhp" }, "trades");

        Assert.Equal("ASX/BHP", request.Symbol.ToString());
        Assert.True(request.Descending);
        Assert.Equal(100, request.Limit);
        Assert.Null(request.TimeTravel);
        Assert.Null(request.After);
    }

    [Fact]
    public void Instants_keep_microseconds_and_default_to_utc()
    {
        var request = _parser.Parse(new HistoryQueryText { Exchange = "ASX", Symbol = "BHP", Start = "2014-03-11T00:00:00.123456", End = "2014-03-11T12:00:00+11:00" }, "trades");

        Assert.Equal(new DateTimeOffset(2014, 3, 11, 0, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), request.From);
        Assert.Equal(new DateTimeOffset(2014, 3, 11, 1, 0, 0, TimeSpan.Zero), request.Until);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("10001")]
    [InlineData("ten")]
    [InlineData("1e3")]
    [InlineData("100; DROP TABLE trades")]
    public void A_limit_outside_1_to_the_maximum_is_refused_not_clamped(string limit) =>
        AssertRefused("invalid_limit", new HistoryQueryText { Exchange = "ASX", Symbol = "BHP", Limit = limit });

    [Fact]
    public void The_maximum_limit_itself_is_accepted() =>
        Assert.Equal(10_000, _parser.Parse(new HistoryQueryText { Exchange = "ASX", Symbol = "BHP", Limit = "10000" }, "trades").Limit);

    [Theory]
    [InlineData(null, "BHP")]
    [InlineData("ASX", null)]
    [InlineData("ASX", "BHP' OR '1'='1")]
    [InlineData("AS X", "BHP")]
    public void Missing_or_malformed_symbols_are_refused(string? exchange, string? symbol) =>
        AssertRefused("invalid_symbol", new HistoryQueryText { Exchange = exchange, Symbol = symbol });

    [Theory]
    [InlineData("yesterday", null)]
    [InlineData("2014-03-11T00:00:00.1234567Z", null)]
    [InlineData(null, "2014-13-01")]
    public void Unparseable_instants_are_refused(string? start, string? end) =>
        AssertRefused("invalid_time", new HistoryQueryText { Exchange = "ASX", Symbol = "BHP", Start = start, End = end });

    [Fact]
    public void A_start_at_or_after_the_end_is_refused() =>
        AssertRefused("invalid_time_range", new HistoryQueryText { Exchange = "ASX", Symbol = "BHP", Start = "2014-03-11T01:00:00Z", End = "2014-03-11T01:00:00Z" });

    [Fact]
    public void An_unknown_order_is_refused() =>
        AssertRefused("invalid_order", new HistoryQueryText { Exchange = "ASX", Symbol = "BHP", Order = "sideways" });

    [Theory]
    [InlineData("1", "2014-03-11T00:00:00Z")]
    [InlineData("latest", null)]
    [InlineData(null, "not-a-time")]
    public void Time_travel_takes_one_valid_selector(string? asOfSnapshot, string? asOf) =>
        AssertRefused(asOf == "not-a-time" ? "invalid_time" : "invalid_time_travel", new HistoryQueryText { Exchange = "ASX", Symbol = "BHP", AsOfSnapshot = asOfSnapshot, AsOf = asOf });

    [Fact]
    public void A_cursor_for_the_other_order_is_refused_and_the_right_one_accepted()
    {
        var position = new HistoryKey(5, 6, "ASX-7");
        var descending = _cursors.Encode(new CursorScope("trades", "ASX", "BHP", Descending: true), position);

        AssertRefused("invalid_cursor", new HistoryQueryText { Exchange = "ASX", Symbol = "BHP", Order = "asc", Cursor = descending });
        Assert.Equal(position, _parser.Parse(new HistoryQueryText { Exchange = "ASX", Symbol = "BHP", Cursor = descending }, "trades").After);
    }

    private void AssertRefused(string error, HistoryQueryText text)
    {
        var refused = Assert.Throws<ApiException>(() => _parser.Parse(text, "trades"));
        Assert.Equal(400, refused.StatusCode);
        Assert.Equal(error, refused.Error);
    }
}
