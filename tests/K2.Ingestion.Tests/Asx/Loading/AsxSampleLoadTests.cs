using System.Globalization;
using K2.Ingestion.Tests.Asx.Support;
using K2.Testing.Publishing;

namespace K2.Ingestion.Tests.Asx.Loading;

public sealed class AsxSampleLoadTests(AsxSampleLoadFixture sample) : IClassFixture<AsxSampleLoadFixture>
{
    private static readonly string[] TradeFiles = ["trades/3153.csv", "trades/7078.csv", "trades/7181.csv", "trades/7458.csv"];
    private static readonly string[] QuoteFiles = ["quotes/3153.csv", "quotes/7078.csv", "quotes/7181.csv", "quotes/7458.csv"];

    [Fact]
    public void Every_line_of_the_sample_is_published_and_none_rejected()
    {
        var tradeLines = TradeFiles.Sum(CountLines);
        var quoteLines = QuoteFiles.Sum(CountLines);

        Assert.Equal(56_215, tradeLines); // as documented in data/asx-sample/README.md
        Assert.Equal(43_413, quoteLines);
        Assert.Equal(tradeLines, sample.Summary.TradesPublished);
        Assert.Equal(quoteLines, sample.Summary.QuotesPublished);
        Assert.Equal(tradeLines + quoteLines, sample.Summary.RowsRead);
        Assert.Equal(0, sample.Summary.Rejected);
        Assert.Empty(sample.DeadLetters.Letters);
        Assert.Equal(tradeLines, sample.Publisher.Trades.Count);
        Assert.Equal(quoteLines, sample.Publisher.Quotes.Count);
    }

    [Fact]
    public void Each_file_is_summarised_with_its_symbol_and_line_count_in_a_stable_order()
    {
        Assert.Equal([.. TradeFiles, .. QuoteFiles], sample.Summary.Files.Select(file => file.RelativePath));
        foreach (var file in sample.Summary.Files)
        {
            Assert.Equal(CountLines(file.RelativePath), file.RowsRead);
            Assert.Equal(file.RowsRead, file.Published);
            Assert.Equal(0, file.Rejected);
        }

        Assert.Equal(
            ["MWR", "BHP", "DVN", "RIO", "MWR", "BHP", "DVN", "RIO"],
            sample.Summary.Files.Select(file => file.Symbol));
        Assert.Equal(
            TradeFiles.Concat(QuoteFiles).Sum(file => new FileInfo(AsxSample.PathOf(file)).Length),
            sample.Summary.BytesRead);
    }

    [Fact]
    public void Ids_are_unique_per_record()
    {
        Assert.Equal(sample.Publisher.Trades.Count, sample.Publisher.Trades.Select(trade => trade.TradeId).Distinct().Count());
        Assert.Equal(sample.Publisher.Quotes.Count, sample.Publisher.Quotes.Select(quote => quote.QuoteId).Distinct().Count());
        Assert.Equal(
            sample.Publisher.Trades.Count + sample.Publisher.Quotes.Count,
            sample.Publisher.Trades.Select(trade => trade.MessageId).Concat(sample.Publisher.Quotes.Select(quote => quote.MessageId)).Distinct().Count());
    }

    [Fact]
    public void The_publisher_is_flushed_once_after_the_last_record()
    {
        Assert.Equal([sample.Publisher.Trades.Count + sample.Publisher.Quotes.Count], sample.Publisher.FlushedAfter);
    }

    [Fact]
    public void Progress_ends_with_one_completed_report_at_all_bytes_and_rows()
    {
        var last = sample.Progress.Reports[^1];

        Assert.True(last.Completed);
        Assert.Single(sample.Progress.Reports, report => report.Completed);
        Assert.Equal(1d, last.FractionDone);
        Assert.Equal(sample.Summary.RowsRead, last.RowsRead);
        Assert.Equal(sample.Summary.BytesRead, last.TotalBytes);
        Assert.True(sample.Progress.Reports.Count > sample.Summary.Files.Count, "reports come during files too, not only after them");
    }

    [Fact]
    public void BHP_volume_and_price_range_on_11_March_match_a_plain_reading_of_the_CSV()
    {
        // Independent of the parser: string.Split and decimal.Parse over the file, filtered on the date column.
        var rows = File.ReadAllLines(AsxSample.PathOf("trades/7078.csv"))
            .Select(line => line.Split(','))
            .Where(fields => fields[0] == "03/11/2014")
            .Select(fields => (Price: decimal.Parse(fields[2], CultureInfo.InvariantCulture), Volume: decimal.Parse(fields[3], CultureInfo.InvariantCulture)))
            .ToList();

        // The loader's output, filtered on the exchange-local date recovered from the UTC timestamps.
        var trades = sample.Publisher.Trades
            .Where(trade => trade.Symbol == "BHP")
            .Where(trade => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(trade.Timestamp, AsxSample.Sydney).DateTime) == new DateOnly(2014, 3, 11))
            .ToList();

        Assert.Equal(rows.Count, trades.Count);
        Assert.Equal(rows.Sum(row => row.Volume), trades.Sum(trade => trade.Quantity));
        Assert.Equal(rows.Min(row => row.Price), trades.Min(trade => trade.Price));
        Assert.Equal(rows.Max(row => row.Price), trades.Max(trade => trade.Price));
        Assert.Equal(rows.Sum(row => row.Price * row.Volume), trades.Sum(trade => trade.Price * trade.Quantity));
    }

    [Fact]
    public async Task Loading_the_same_directory_again_yields_identical_ids()
    {
        var again = new RecordingMarketDataPublisher();

        await AsxLoaders.Create().LoadAsync(AsxSample.Directory, again, new RecordingDeadLetterPublisher(), null, CancellationToken.None);

        Assert.Equal(sample.Publisher.Trades.Select(trade => (trade.MessageId, trade.TradeId)), again.Trades.Select(trade => (trade.MessageId, trade.TradeId)));
        Assert.Equal(sample.Publisher.Quotes.Select(quote => (quote.MessageId, quote.QuoteId)), again.Quotes.Select(quote => (quote.MessageId, quote.QuoteId)));
        Assert.Equal(sample.Publisher.Trades.Select(trade => trade.Timestamp), again.Trades.Select(trade => trade.Timestamp));
    }

    private static int CountLines(string relative) =>
        File.ReadAllBytes(AsxSample.PathOf(relative)).Count(b => b == (byte)'\n');
}
