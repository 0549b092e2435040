using System.Globalization;
using K2.Ingestion.Asx.Loading;

namespace K2.Ingestion.Asx.Cli;

/// <summary>
/// Shows a load's progress: a bar redrawn in place on an interactive terminal, or a plain line every
/// <see cref="AsxConsoleOptions.LogInterval"/> when output goes to a file or pipe (where carriage returns make a mess).
/// </summary>
public sealed class AsxProgressRenderer : IProgress<AsxLoadProgress>
{
    private readonly TextWriter _writer;
    private readonly bool _interactive;
    private readonly AsxConsoleOptions _options;
    private readonly TimeProvider _time;
    private long _lastDrawnAt;
    private int _lastBarLength;

    public AsxProgressRenderer(TextWriter writer, bool interactive, AsxConsoleOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _writer = writer;
        _interactive = interactive;
        _options = options;
        _time = time;

        // The first draw waits one interval too: a load that finishes sooner shows just its summary.
        _lastDrawnAt = time.GetTimestamp();
    }

    public void Report(AsxLoadProgress value)
    {
        if (value.Completed)
        {
            // The summary follows; the bar is finished at 100% so it does not look stuck, plain output needs no line.
            if (_interactive)
            {
                DrawBar(value);
                EndLine();
            }

            return;
        }

        var now = _time.GetTimestamp();
        var interval = _interactive ? _options.RefreshInterval : _options.LogInterval;
        if (_time.GetElapsedTime(_lastDrawnAt, now) < interval)
        {
            return;
        }

        _lastDrawnAt = now;
        if (_interactive)
        {
            DrawBar(value);
        }
        else
        {
            _writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{value.Elapsed:hh\\:mm\\:ss} {value.FractionDone,7:P1} of bytes, {value.RowsRead:N0} rows ({value.TradesPublished:N0} trades, {value.QuotesPublished:N0} quotes, {value.Rejected:N0} rejected), {value.RowsPerSecond:N0} rows/s, {value.CurrentFile}"));
        }
    }

    /// <summary>Moves past a partly drawn bar, so an error message after a failed load starts on its own line.</summary>
    public void EndLine()
    {
        if (_lastBarLength > 0)
        {
            _writer.WriteLine();
            _lastBarLength = 0;
        }
    }

    private void DrawBar(AsxLoadProgress value)
    {
        var filled = (int)Math.Round(value.FractionDone * _options.BarWidth);
        var bar = string.Create(
            CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', _options.BarWidth - filled)}] {value.FractionDone,7:P1}  {value.RowsRead:N0} rows  {value.RowsPerSecond:N0} rows/s  {value.Rejected:N0} rejected  {value.CurrentFile}");

        // Pad over the previous, possibly longer, bar; \r returns to the start of the line without a new one.
        _writer.Write('\r');
        _writer.Write(bar.PadRight(_lastBarLength));
        _writer.Flush();
        _lastBarLength = bar.Length;
    }
}
