using Confluent.Kafka;
using K2.Contracts.Control;
using K2.Kafka.Consuming;
using K2.Kafka.Publishing;
using K2.Kafka.Topics;

namespace K2.Ingestion.Binance.GapRepair;

/// <summary>
/// Answers the symbol grains' gap reports: reads <see cref="GapRepairRequest"/>s from <c>k2.control.gaps</c>, has
/// <see cref="BinanceGapRepairer"/> fetch and republish the missing trades, and commits each request only once it is
/// handled. A request that cannot be read, or whose repair fails for good, goes to <c>k2.dlq.binance</c> — it is
/// never dropped silently. Repairs are idempotent (same message ids), so a redelivered request does no harm.
/// </summary>
public sealed partial class GapRequestConsumer(
    KafkaConsumerFactory consumers,
    IServiceProvider services,
    IMarketDataPublisher publisher,
    IDeadLetterPublisher deadLetters,
    TimeProvider time,
    ILogger<GapRequestConsumer> logger) : BackgroundService
{
    public const string GroupId = "k2-binance-gap-repair";
    private const string Exchange = "BINANCE";
    private const string DeadLetterSource = "binance";
    private const string Stage = "gap-repair";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Consume blocks its thread; keep it off the host's start-up path.
        Task.Factory.StartNew(() => RunAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        using var consumer = consumers.Create(GroupId);
        consumer.Subscribe(KafkaTopics.ControlGaps);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var record = consumer.Consume(stoppingToken);
                if (record?.Message is null)
                {
                    continue;
                }

                await HandleAsync(record, stoppingToken);
                consumer.StoreOffset(record);
                consumer.Commit();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the current request was not committed and will be redelivered.
        }
        finally
        {
            consumer.Close();
        }
    }

    private async Task HandleAsync(ConsumeResult<byte[]?, byte[]?> record, CancellationToken cancellationToken)
    {
        var position = $"{record.Topic}/{record.Partition.Value}@{record.Offset.Value}";
        var request = GapRepairRequestJson.TryDeserialize(record.Message.Value ?? [], out var error);
        if (request is null)
        {
            await DeadLetterAsync(record, $"unreadable gap request: {error}", position, cancellationToken);
            return;
        }

        if (!string.Equals(request.Exchange, Exchange, StringComparison.OrdinalIgnoreCase))
        {
            // Another venue's feed handler answers it; this one has nothing to fetch.
            return;
        }

        // The repairer is a typed HTTP client: resolved per request so its handler rotates as HttpClientFactory intends.
        var repairer = services.GetRequiredService<BinanceGapRepairer>();
        var result = await repairer.RepairAsync(request, cancellationToken);
        if (result.Published > 0)
        {
            // The request is committed right after this returns: the backfill must be acknowledged by then, not only
            // queued in librdkafka, or a crash in between would lose the repair with nobody left to ask again.
            await publisher.FlushAsync(cancellationToken);
        }

        LogRepaired(request.Symbol, request.FromSequence, request.ToSequence, result.Outcome, result.Published);
        if (result.Outcome != GapRepairOutcome.Completed)
        {
            await DeadLetterAsync(record, $"gap repair {result.Outcome}: {result.Problem}", position, cancellationToken);
        }
    }

    private ValueTask DeadLetterAsync(ConsumeResult<byte[]?, byte[]?> record, string error, string position, CancellationToken cancellationToken) =>
        deadLetters.PublishAsync(
            new DeadLetter(DeadLetterSource, Stage, error, record.Message.Value ?? [], position, time.GetUtcNow())
            {
                Key = record.Message.Key ?? [],
            },
            cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gap {Symbol} [{From}, {To}]: {Outcome}, {Published} trade(s) republished")]
    private partial void LogRepaired(string symbol, long from, long to, GapRepairOutcome outcome, int published);
}
