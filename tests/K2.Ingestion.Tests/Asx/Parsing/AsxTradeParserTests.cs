using System.Text;
using K2.Contracts.Model;
using K2.Ingestion.Asx.Parsing;
using K2.Ingestion.Tests.Asx.Support;

namespace K2.Ingestion.Tests.Asx.Parsing;

public sealed class AsxTradeParserTests
{
    private static readonly DateTimeOffset IngestedAt = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private readonly AsxTradeParser _parser = new(AsxSample.Clock(), cacheCapacity: 64);
    private readonly AsxFileContext _bhp = new("7078", "BHP", cacheCapacity: 64);

    [Fact]
    public void First_rows_of_the_BHP_sample_parse_to_exact_values_in_UTC()
    {
        var lines = AsxSample.FirstLines("trades/7078.csv", 2);
        Assert.Equal("03/11/2014,07:05:19.694,40.0,25400,3,X,", Encoding.ASCII.GetString(lines[0]));

        var first = Parse(lines[0]);
        var second = Parse(lines[1]);

        Assert.Equal("ASX-BHP-20140311-1", first.TradeId);
        Assert.Equal(MessageIds.ForTrade("ASX", "BHP", "ASX-BHP-20140311-1"), first.MessageId);
        Assert.Equal("BHP", first.Symbol);
        Assert.Equal("ASX", first.Exchange);
        Assert.Equal(AssetClass.Equities, first.AssetClass);

        // 07:05:19.694 AEDT (UTC+11) on 11 March is 20:05:19.694 UTC on 10 March.
        Assert.Equal(new DateTimeOffset(2014, 3, 10, 20, 5, 19, 694, TimeSpan.Zero), first.Timestamp);
        Assert.Equal(TimeSpan.Zero, first.Timestamp.Offset);
        Assert.Equal(40.0m, first.Price);
        Assert.Equal(25_400m, first.Quantity);
        Assert.Equal("AUD", first.Currency);
        Assert.Equal(TradeSide.Unknown, first.Side);
        Assert.Equal(["3"], first.TradeConditions);
        Assert.Null(first.SourceSequence);
        Assert.Null(first.PlatformSequence);
        Assert.Equal(IngestedAt, first.IngestionTimestamp);
        Assert.Equal(new Dictionary<string, string> { ["company_id"] = "7078", ["venue"] = "X" }, first.VendorData);

        // Same millisecond, next row: only the row index tells them apart.
        Assert.Equal(first.Timestamp, second.Timestamp);
        Assert.Equal("ASX-BHP-20140311-2", second.TradeId);
        Assert.Equal(3_600m, second.Quantity);
        Assert.Equal(["1"], second.TradeConditions);
    }

    [Fact]
    public void Prices_are_exact_decimals_at_DECIMAL_18_8_scale()
    {
        var trade = Parse("03/11/2014,11:04:31.090,36.155,73,25,,36.15");

        Assert.Equal(36.155m, trade.Price);
        Assert.Equal("36.15500000", trade.Price.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(MarketDecimal.ToUnscaled(36.155m), MarketDecimal.ToUnscaled(trade.Price));
    }

    [Fact]
    public void Buyer_id_goes_to_vendor_data_and_empty_venue_is_left_out()
    {
        var trade = Parse("03/11/2014,11:04:31.090,36.155,73,25,,36.15");

        Assert.Equal(new Dictionary<string, string> { ["company_id"] = "7078", ["buyer_id"] = "36.15" }, trade.VendorData);
    }

    [Fact]
    public void Empty_qualifiers_mean_no_trade_conditions()
    {
        Assert.Empty(Parse("03/11/2014,10:00:00.000,36.1,100,,,").TradeConditions);
    }

    [Fact]
    public void Rows_are_numbered_per_exchange_local_date_in_file_order()
    {
        var ids = new[]
        {
            "03/11/2014,15:59:59.000,36.1,100,0,,",
            "03/11/2014,16:00:00.000,36.1,100,0,,",
            "03/12/2014,10:00:00.000,36.2,100,0,,",
            "03/11/2014,16:10:00.000,36.1,100,0,,",
        }.Select(row => Parse(row).TradeId);

        Assert.Equal(["ASX-BHP-20140311-1", "ASX-BHP-20140311-2", "ASX-BHP-20140312-1", "ASX-BHP-20140311-3"], ids);
    }

    [Fact]
    public void A_rejected_row_with_a_readable_date_still_takes_its_number_so_other_ids_do_not_shift()
    {
        var first = Parse("03/11/2014,10:00:00.000,36.1,100,0,,");
        Assert.False(TryParse("03/11/2014,10:00:01.000,36.1,-100,0,,", out _, out _));
        var third = Parse("03/11/2014,10:00:02.000,36.1,100,0,,");

        Assert.Equal("ASX-BHP-20140311-1", first.TradeId);
        Assert.Equal("ASX-BHP-20140311-3", third.TradeId);
    }

    [Theory]
    [InlineData("03/11/2014,10:00:00.000,36.1,100,0,", AsxRowErrorKind.FieldCount)]
    [InlineData("03/11/2014,10:00:00.000,36.1,100,0,,,", AsxRowErrorKind.FieldCount)]
    [InlineData("03/11/2014", AsxRowErrorKind.FieldCount)]
    [InlineData("2014-03-11,10:00:00.000,36.1,100,0,,", AsxRowErrorKind.InvalidDate)]
    [InlineData("02/30/2014,10:00:00.000,36.1,100,0,,", AsxRowErrorKind.InvalidDate)]
    [InlineData("03/11/2014,24:00:00.000,36.1,100,0,,", AsxRowErrorKind.InvalidTime)]
    [InlineData("03/11/2014,10:00,36.1,100,0,,", AsxRowErrorKind.InvalidTime)]
    [InlineData("03/11/2014,10:00:00.000,36.1.5,100,0,,", AsxRowErrorKind.InvalidNumber)]
    [InlineData("03/11/2014,10:00:00.000,3x.1,100,0,,", AsxRowErrorKind.InvalidNumber)]
    [InlineData("03/11/2014,10:00:00.000,3.61e1,100,0,,", AsxRowErrorKind.InvalidNumber)]
    [InlineData("03/11/2014,10:00:00.000,,100,0,,", AsxRowErrorKind.InvalidNumber)]
    [InlineData("03/11/2014,10:00:00.000, 36.1,100,0,,", AsxRowErrorKind.InvalidNumber)]
    [InlineData("03/11/2014,10:00:00.000,36.1,-100,0,,", AsxRowErrorKind.NegativeNumber)]
    [InlineData("03/11/2014,10:00:00.000,-36.1,100,0,,", AsxRowErrorKind.NegativeNumber)]
    [InlineData("03/11/2014,10:00:00.000,36.123456789,100,0,,", AsxRowErrorKind.OutOfRange)]
    [InlineData("03/11/2014,10:00:00.000,36.1,12345678901,0,,", AsxRowErrorKind.OutOfRange)]
    [InlineData("03/11/2014,10:00:00.000,0.0,100,0,,", AsxRowErrorKind.ZeroTrade)]
    [InlineData("03/11/2014,10:00:00.000,36.1,0,0,,", AsxRowErrorKind.ZeroTrade)]
    public void Malformed_rows_are_rejected_with_a_typed_error(string row, AsxRowErrorKind expected)
    {
        Assert.False(TryParse(row, out var trade, out var error));
        Assert.Null(trade);
        Assert.Equal(expected, error.Kind);
        Assert.StartsWith($"{expected}: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_UTF8_in_a_text_field_is_rejected()
    {
        byte[] row = [.. "03/11/2014,10:00:00.000,36.1,100,0,"u8, 0xC3, 0x28, .. ","u8];

        Assert.False(_parser.TryParse(row, _bhp, IngestedAt, out _, out var error));
        Assert.Equal(AsxRowErrorKind.InvalidText, error.Kind);
    }

    [Fact]
    public void Rows_of_a_file_whose_company_id_is_not_in_the_map_are_rejected()
    {
        var unknown = new AsxFileContext("9999", symbol: null, cacheCapacity: 64);

        Assert.False(_parser.TryParse("03/11/2014,10:00:00.000,36.1,100,0,,"u8, unknown, IngestedAt, out _, out var error));
        Assert.Equal(AsxRowErrorKind.UnknownCompany, error.Kind);
        Assert.Contains("9999", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_with_the_same_codes_share_their_condition_lists_and_vendor_maps()
    {
        var a = Parse("03/11/2014,10:00:00.000,36.1,100,0,X,");
        var b = Parse("03/11/2014,10:00:01.000,36.2,200,0,X,");

        Assert.Same(a.TradeConditions, b.TradeConditions);
        Assert.Same(a.VendorData, b.VendorData);
    }

    private Trade Parse(string row) => Parse(Encoding.ASCII.GetBytes(row));

    private Trade Parse(byte[] row)
    {
        Assert.True(_parser.TryParse(row, _bhp, IngestedAt, out var trade, out var error), error.ToString());
        return trade;
    }

    private bool TryParse(string row, out Trade? trade, out AsxRowError error) =>
        _parser.TryParse(Encoding.UTF8.GetBytes(row), _bhp, IngestedAt, out trade, out error);
}
