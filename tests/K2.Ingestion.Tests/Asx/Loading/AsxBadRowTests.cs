using System.Text;
using K2.Ingestion.Asx.Loading;
using K2.Ingestion.Tests.Asx.Support;
using K2.Testing.Publishing;

namespace K2.Ingestion.Tests.Asx.Loading;

public sealed class AsxBadRowTests : IDisposable
{
    private const string Good = "03/11/2014,10:00:00.000,36.1,100,0,,";

    private readonly AsxTestDirectory _directory = new();
    private readonly RecordingMarketDataPublisher _publisher = new();
    private readonly RecordingDeadLetterPublisher _deadLetters = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Every_malformed_variant_is_dead_lettered_with_its_line_and_raw_bytes_while_the_rest_loads()
    {
        (string Row, string Kind)[] bad =
        [
            ("03/11/2014,10:00:00.000,36.1,100,0,", "FieldCount"),
            ("03/11/2014,10:00:00.000,36.1,100,0,,,", "FieldCount"),
            ("2014-03-11,10:00:00.000,36.1,100,0,,", "InvalidDate"),
            ("03/11/2014,10:00:00.000,36.1,1O0,0,,", "InvalidNumber"),
            ("03/11/2014,25:00:00.000,36.1,100,0,,", "InvalidTime"),
            ("03/11/2014,10:00:00.000,thirty,100,0,,", "InvalidNumber"),
            ("03/11/2014,10:00:00.000,36.1,-100,0,,", "NegativeNumber"),
            ("03/11/2014,10:00:00.000,12345678901.5,100,0,,", "OutOfRange"),
            ("03/11/2014,10:00:00.000,36.123456789,100,0,,", "OutOfRange"),
            ("03/11/2014,10:00:00.000,36.1,0,0,,", "ZeroTrade"),
            ("10/05/2014,02:30:00.000,36.1,100,0,,", "NonexistentLocalTime"),
        ];
        var lines = new List<string> { Good };
        foreach (var (row, _) in bad)
        {
            lines.Add(row);
            lines.Add(Good);
        }

        _directory.WriteLines("trades/7078.csv", [.. lines, string.Empty, string.Empty]);

        var summary = await LoadAsync();

        Assert.Equal(bad.Length, _deadLetters.Letters.Count);
        for (var i = 0; i < bad.Length; i++)
        {
            var letter = _deadLetters.Letters[i];
            var lineNumber = 2 + (2 * i);
            Assert.Equal($"trades/7078.csv:line {lineNumber}", letter.SourcePosition);
            Assert.Equal(Encoding.ASCII.GetBytes(bad[i].Row), letter.Payload.ToArray());
            Assert.StartsWith($"{bad[i].Kind}: ", letter.Error, StringComparison.Ordinal);
            Assert.Equal("asx", letter.Source);
            Assert.Equal("parse", letter.Stage);
        }

        Assert.Equal(bad.Length + 1, _publisher.Trades.Count);
        Assert.Equal(bad.Length, summary.Rejected);
        Assert.Equal(bad.Length + 1, summary.TradesPublished);

        // The two blank trailing lines are neither rows nor errors.
        Assert.Equal((2 * bad.Length) + 1, summary.RowsRead);
    }

    [Fact]
    public async Task Published_rows_keep_their_positional_ids_around_the_rejected_ones()
    {
        _directory.WriteLines("trades/7078.csv", Good, "03/11/2014,10:00:00.000,36.1,-1,0,,", Good);

        await LoadAsync();

        Assert.Equal(["ASX-BHP-20140311-1", "ASX-BHP-20140311-3"], _publisher.Trades.Select(trade => trade.TradeId));
    }

    [Fact]
    public async Task Bad_quotes_are_dead_lettered_from_the_quotes_file()
    {
        _directory.WriteLines("quotes/7458.csv", "03/11/2014,10:00:00.000,64.1,64.2,100,200", "03/11/2014,10:00:00.000,64.1,64.2,100");

        var summary = await LoadAsync();

        Assert.Equal("RIO", Assert.Single(_publisher.Quotes).Symbol);
        var letter = Assert.Single(_deadLetters.Letters);
        Assert.Equal("quotes/7458.csv:line 2", letter.SourcePosition);
        Assert.StartsWith("FieldCount: ", letter.Error, StringComparison.Ordinal);
        Assert.Equal((1, 1), (summary.QuotesPublished, summary.Rejected));
    }

    [Fact]
    public async Task Every_row_of_a_file_named_after_an_unknown_company_is_dead_lettered_and_other_files_still_load()
    {
        _directory.WriteLines("trades/9999.csv", Good, Good);
        _directory.WriteLines("trades/7078.csv", Good);

        var summary = await LoadAsync();

        Assert.Equal(["trades/9999.csv:line 1", "trades/9999.csv:line 2"], _deadLetters.Letters.Select(letter => letter.SourcePosition));
        Assert.All(_deadLetters.Letters, letter => Assert.StartsWith("UnknownCompany: ", letter.Error, StringComparison.Ordinal));
        Assert.Single(_publisher.Trades);
        Assert.Null(summary.Files.Single(file => file.CompanyId == "9999").Symbol);
    }

    [Fact]
    public async Task A_line_longer_than_the_read_buffer_is_dead_lettered_cut_to_the_buffer_and_the_next_line_loads()
    {
        const int buffer = 1_024;
        var longRow = Good + new string('x', 3 * buffer);
        _directory.WriteLines("trades/7078.csv", Good, longRow, Good);

        var summary = await LoadAsync(new AsxLoaderOptions { ReadBufferBytes = buffer });

        var letter = Assert.Single(_deadLetters.Letters);
        Assert.Equal("trades/7078.csv:line 2", letter.SourcePosition);
        Assert.StartsWith("LineTooLong: ", letter.Error, StringComparison.Ordinal);
        Assert.Equal(Encoding.ASCII.GetBytes(longRow)[..buffer], letter.Payload.ToArray());
        Assert.Equal(2, summary.TradesPublished);
    }

    [Fact]
    public async Task LF_line_endings_a_missing_final_newline_and_blank_lines_in_between_are_accepted()
    {
        _directory.Write("trades/7078.csv", Encoding.ASCII.GetBytes($"{Good}\n\n{Good}\r\n   \r\n{Good}"));

        var summary = await LoadAsync();

        Assert.Equal(3, summary.TradesPublished);
        Assert.Equal(0, summary.Rejected);
    }

    private Task<AsxLoadSummary> LoadAsync(AsxLoaderOptions? options = null) =>
        AsxLoaders.Create(options).LoadAsync(_directory.Path, _publisher, _deadLetters, null, CancellationToken.None);
}
