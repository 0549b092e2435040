using System.Buffers;
using K2.Contracts.Model;
using K2.Ingestion.Asx.Parsing;
using K2.Ingestion.Asx.Reference;
using K2.Kafka.Publishing;
using K2.Kafka.Tracing;

namespace K2.Ingestion.Asx.Loading;

/// <summary>
/// Loads the files of one run, one at a time: streams each file's lines, publishes what parses and dead-letters
/// what does not. Each publish is awaited before the next row is read, so a publisher that is full slows the read
/// down (back-pressure) instead of letting rows pile up in memory.
/// </summary>
internal sealed class AsxFileLoader(
    AsxLoaderOptions options,
    AsxCompanyMap companies,
    AsxExchangeClock clock,
    IMarketDataPublisher publisher,
    IDeadLetterPublisher deadLetters,
    IProgress<AsxLoadProgress>? progress,
    AsxLoadTally tally,
    TimeProvider time)
{
    private static readonly SearchValues<byte> BlankBytes = SearchValues.Create(" \t\r"u8);

    private readonly AsxTradeParser _trades = new(clock, options.SharedValueLimit);
    private readonly AsxQuoteParser _quotes = new(clock);

    public async Task LoadAsync(AsxDataFile file, CancellationToken cancellationToken)
    {
        var symbol = companies.TryGetSymbol(file.CompanyId, out var known) ? known : null;
        var context = new AsxFileContext(file.CompanyId, symbol, options.SharedValueLimit);
        var (rowsBefore, rejectedBefore) = (tally.RowsRead, tally.Rejected);

        // One producer span per file: every record carries its context, and no span is made per row.
        using var span = KafkaTracing.StartBatchPublish(file.RelativePath);

        await using var stream = new FileStream(file.FullPath, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,

            // The line reader is the buffer; a second one inside FileStream would only copy the bytes twice.
            BufferSize = 0,
        });
        using var reader = new Utf8LineReader(stream, options.ReadBufferBytes);
        while (await reader.ReadLineAsync(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!reader.Line.Span.ContainsAnyExcept(BlankBytes))
            {
                // Blank lines (a trailing CRLF, an editor's extra newline) carry no row: skipped, not rejected.
                continue;
            }

            await LoadRowAsync(file, context, reader, cancellationToken);
            if (tally.RowsRead % options.ProgressEveryRows == 0)
            {
                progress?.Report(tally.Progress(file.RelativePath, reader.BytesConsumed));
            }
        }

        var rows = tally.RowsRead - rowsBefore;
        var rejected = tally.Rejected - rejectedBefore;
        tally.FinishFile(
            new AsxFileSummary(file.RelativePath, file.Kind, file.CompanyId, symbol, rows, rows - rejected, rejected),
            reader.BytesConsumed);
        progress?.Report(tally.Progress(file.RelativePath, bytesOfCurrentFile: 0));
    }

    private async ValueTask LoadRowAsync(AsxDataFile file, AsxFileContext context, Utf8LineReader reader, CancellationToken cancellationToken)
    {
        var ingestedAt = UtcMicros.Truncate(time.GetUtcNow());
        AsxRowError error;
        if (reader.IsTruncated)
        {
            error = new AsxRowError(AsxRowErrorKind.LineTooLong, $"line does not fit the {reader.BufferSize}-byte read buffer");
        }
        else if (file.Kind == AsxFileKind.Trades)
        {
            if (_trades.TryParse(reader.Line.Span, context, ingestedAt, out var trade, out error))
            {
                await publisher.PublishTradeAsync(trade, cancellationToken);
                tally.CountPublished(AsxFileKind.Trades);
                return;
            }
        }
        else if (_quotes.TryParse(reader.Line.Span, context, ingestedAt, out var quote, out error))
        {
            await publisher.PublishQuoteAsync(quote, cancellationToken);
            tally.CountPublished(AsxFileKind.Quotes);
            return;
        }

        var letter = new DeadLetter(
            AsxExchange.DeadLetterSource,
            AsxExchange.ParseStage,
            error.ToString(),

            // Copied: the line points into the reader's buffer, which the next read overwrites.
            reader.Line.ToArray(),
            $"{file.RelativePath}:line {reader.LineNumber}",
            time.GetUtcNow());
        await deadLetters.PublishAsync(letter, cancellationToken);
        tally.CountRejected();
    }
}
