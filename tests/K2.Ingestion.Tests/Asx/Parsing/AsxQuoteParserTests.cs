using System.Text;
using K2.Contracts.Model;
using K2.Ingestion.Asx.Parsing;
using K2.Ingestion.Tests.Asx.Support;

namespace K2.Ingestion.Tests.Asx.Parsing;

public sealed class AsxQuoteParserTests
{
    private static readonly DateTimeOffset IngestedAt = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private readonly AsxQuoteParser _parser = new(AsxSample.Clock());
    private readonly AsxFileContext _bhp = new("7078", "BHP", cacheCapacity: 64);

    [Fact]
    public void First_rows_of_the_BHP_quotes_sample_parse_to_exact_values_and_keep_the_empty_side_as_zero()
    {
        var lines = AsxSample.FirstLines("quotes/7078.csv", 2);
        Assert.Equal("03/11/2014,05:43:46.767,36.16,0.0,600,0", Encoding.ASCII.GetString(lines[0]));

        var first = Parse(lines[0]);
        var second = Parse(lines[1]);

        Assert.Equal("ASX-BHP-20140311-1", first.QuoteId);
        Assert.Equal(MessageIds.ForQuote("ASX", "BHP", "ASX-BHP-20140311-1"), first.MessageId);
        Assert.Equal("BHP", first.Symbol);
        Assert.Equal("ASX", first.Exchange);
        Assert.Equal(AssetClass.Equities, first.AssetClass);
        Assert.Equal(new DateTimeOffset(2014, 3, 10, 18, 43, 46, 767, TimeSpan.Zero), first.Timestamp);
        Assert.Equal(36.16m, first.BidPrice);
        Assert.Equal(600m, first.BidQuantity);
        Assert.Equal(0m, first.AskPrice);
        Assert.Equal(0m, first.AskQuantity);
        Assert.Equal("AUD", first.Currency);
        Assert.Null(first.SourceSequence);
        Assert.Null(first.PlatformSequence);
        Assert.Equal(IngestedAt, first.IngestionTimestamp);
        Assert.Equal(new Dictionary<string, string> { ["company_id"] = "7078" }, first.VendorData);

        // Column order is bid, ask, bid volume, ask volume.
        Assert.Equal("ASX-BHP-20140311-2", second.QuoteId);
        Assert.Equal((36.16m, 36.25m, 600m, 1_288m), (second.BidPrice, second.AskPrice, second.BidQuantity, second.AskQuantity));
    }

    [Fact]
    public void A_quote_with_both_sides_empty_is_valid_because_it_says_the_book_was_cleared()
    {
        var quote = Parse(Encoding.ASCII.GetBytes("03/11/2014,16:10:00.000,0.0,0.0,0,0"));

        Assert.Equal((0m, 0m, 0m, 0m), (quote.BidPrice, quote.AskPrice, quote.BidQuantity, quote.AskQuantity));
    }

    [Fact]
    public void Quote_and_trade_ids_of_the_same_row_position_have_different_message_ids()
    {
        var quote = Parse(Encoding.ASCII.GetBytes("03/11/2014,10:00:00.000,36.1,36.2,100,200"));

        Assert.Equal("ASX-BHP-20140311-1", quote.QuoteId);
        Assert.NotEqual(MessageIds.ForTrade("ASX", "BHP", "ASX-BHP-20140311-1"), quote.MessageId);
    }

    [Theory]
    [InlineData("03/11/2014,10:00:00.000,36.1,36.2,100", AsxRowErrorKind.FieldCount)]
    [InlineData("03/11/2014,10:00:00.000,36.1,36.2,100,200,X", AsxRowErrorKind.FieldCount)]
    [InlineData("03/11/2014,10:00:00.000,36.1,36.2,-100,200", AsxRowErrorKind.NegativeNumber)]
    [InlineData("03/11/2014,10:00:00.000,36.1,abc,100,200", AsxRowErrorKind.InvalidNumber)]
    [InlineData("03/11/2014,10:00:00.000,36.1,36.2,100,99999999999", AsxRowErrorKind.OutOfRange)]
    [InlineData("13/11/2014,10:00:00.000,36.1,36.2,100,200", AsxRowErrorKind.InvalidDate)]
    public void Malformed_quotes_are_rejected_with_a_typed_error(string row, AsxRowErrorKind expected)
    {
        Assert.False(_parser.TryParse(Encoding.ASCII.GetBytes(row), _bhp, IngestedAt, out var quote, out var error));
        Assert.Null(quote);
        Assert.Equal(expected, error.Kind);
    }

    private Quote Parse(byte[] row)
    {
        Assert.True(_parser.TryParse(row, _bhp, IngestedAt, out var quote, out var error), error.ToString());
        return quote;
    }
}
