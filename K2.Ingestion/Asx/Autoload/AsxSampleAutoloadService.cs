using K2.Ingestion.Asx.Loading;
using K2.Kafka.Publishing;
using K2.Kafka.Topics;
using Microsoft.Extensions.Options;

namespace K2.Ingestion.Asx.Autoload;

/// <summary>
/// Publishes the configured ASX sample once, in the background of the ingestion process, so the first local run has
/// equities data. Later starts skip it: the marker file says it was loaded, or the ASX trades topic already holds
/// records (another process or an earlier run loaded it). Message ids are deterministic, so even a load interrupted
/// and repeated publishes the same records, which the symbol grains deduplicate within their window.
/// </summary>
public sealed partial class AsxSampleAutoloadService(
    IOptions<AsxSampleAutoloadOptions> options,
    AsxBatchLoader loader,
    IMarketDataPublisher publisher,
    IDeadLetterPublisher deadLetters,
    TopicRecordCounter topics,
    TimeProvider time,
    ILogger<AsxSampleAutoloadService> logger) : BackgroundService
{
    /// <summary>What the last start did; for tests and diagnostics.</summary>
    public AsxSampleAutoloadOutcome Outcome { get; private set; } = AsxSampleAutoloadOutcome.NotRun;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            Outcome = AsxSampleAutoloadOutcome.Disabled;
            return;
        }

        var directory = settings.Directory!;
        var marker = settings.MarkerFile!;
        try
        {
            Outcome = await RunAsync(directory, marker, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped mid-load: no marker, so the next start publishes again (same ids).
            Outcome = AsxSampleAutoloadOutcome.Interrupted;
        }
        catch (Exception exception) when (exception is AsxLoadException or KafkaDeliveryException or Confluent.Kafka.KafkaException or IOException)
        {
            // The feed handlers keep running without the sample; the error says what to fix, the next start retries.
            Outcome = AsxSampleAutoloadOutcome.Failed;
            LogFailed(exception, directory);
        }
    }

    private async Task<AsxSampleAutoloadOutcome> RunAsync(string directory, string marker, CancellationToken cancellationToken)
    {
        if (AsxSampleMarker.Exists(marker))
        {
            LogSkippedMarker(directory, marker);
            return AsxSampleAutoloadOutcome.SkippedMarker;
        }

        var existing = await topics.CountAsync(KafkaTopics.AsxTrades, cancellationToken);
        if (existing > 0)
        {
            LogSkippedTopic(directory, KafkaTopics.AsxTrades, existing);
            await AsxSampleMarker.WriteAsync(marker, directory, $"{KafkaTopics.AsxTrades} already held {existing} records", summary: null, time.GetUtcNow(), cancellationToken);
            return AsxSampleAutoloadOutcome.SkippedTopicNotEmpty;
        }

        LogStarting(directory);
        var summary = await loader.LoadAsync(directory, publisher, deadLetters, progress: null, cancellationToken);
        await AsxSampleMarker.WriteAsync(marker, directory, "published", summary, time.GetUtcNow(), cancellationToken);
        LogLoaded(directory, summary.TradesPublished, summary.QuotesPublished, summary.Rejected);
        return AsxSampleAutoloadOutcome.Published;
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "ASX sample {Directory}: publishing it (first start)")]
    private partial void LogStarting(string directory);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "ASX sample {Directory}: published {Trades} trades and {Quotes} quotes, {Rejected} rows dead-lettered")]
    private partial void LogLoaded(string directory, long trades, long quotes, long rejected);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "ASX sample {Directory}: already published (marker {Marker}); skipped")]
    private partial void LogSkippedMarker(string directory, string marker);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "ASX sample {Directory}: {Topic} already holds {Records} records; skipped")]
    private partial void LogSkippedTopic(string directory, string topic, long records);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error, Message = "ASX sample {Directory}: not published; the next start tries again")]
    private partial void LogFailed(Exception exception, string directory);
}
