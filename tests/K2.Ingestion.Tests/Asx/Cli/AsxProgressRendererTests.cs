using K2.Ingestion.Asx.Cli;
using K2.Ingestion.Asx.Loading;
using K2.Ingestion.Tests.Asx.Support;

namespace K2.Ingestion.Tests.Asx.Cli;

public sealed class AsxProgressRendererTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly StringWriter _writer = new();
    private readonly AsxConsoleOptions _options = new() { RefreshInterval = TimeSpan.FromSeconds(1), LogInterval = TimeSpan.FromSeconds(10), BarWidth = 10 };

    [Fact]
    public void Redirected_output_gets_one_plain_line_per_log_interval_and_nothing_at_completion()
    {
        var renderer = new AsxProgressRenderer(_writer, interactive: false, _options, _time);

        renderer.Report(Snapshot(rows: 100));
        _time.Advance(TimeSpan.FromSeconds(10));
        renderer.Report(Snapshot(rows: 200));
        _time.Advance(TimeSpan.FromSeconds(5));
        renderer.Report(Snapshot(rows: 300));
        renderer.Report(Snapshot(rows: 400, completed: true));

        var line = Assert.Single(_writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain('\r', line);
        Assert.Contains("50.0 % of bytes, 200 rows (150 trades, 40 quotes, 10 rejected), 20 rows/s, trades/7078.csv", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interactive_terminal_gets_a_bar_redrawn_in_place_and_finished_at_completion()
    {
        var renderer = new AsxProgressRenderer(_writer, interactive: true, _options, _time);

        _time.Advance(TimeSpan.FromSeconds(1));
        renderer.Report(Snapshot(rows: 100));
        renderer.Report(Snapshot(rows: 150));
        renderer.Report(Snapshot(rows: 200, completed: true));

        var text = _writer.ToString();
        Assert.Equal(2, text.Count(c => c == '\r'));
        Assert.StartsWith("\r[#####.....]  50.0 %", text, StringComparison.Ordinal);
        Assert.Contains("\r[##########] 100.0 %", text, StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine, text, StringComparison.Ordinal);
    }

    private AsxLoadProgress Snapshot(long rows, bool completed = false) => new(
        "trades/7078.csv",
        BytesRead: completed ? 1_000 : 500,
        TotalBytes: 1_000,
        rows,
        TradesPublished: rows - 50,
        QuotesPublished: 40,
        Rejected: 10,
        Elapsed: TimeSpan.FromSeconds(10),
        completed);
}
