using Confluent.Kafka;
using K2.Contracts.Control;
using K2.Contracts.Grains;
using K2.Kafka.Publishing;

namespace K2.Silo.Ingest;

/// <summary>
/// Does everything a poll batch needs before its offsets may be committed: dead-letter what does not decode, call
/// each symbol's grain once (all symbols in parallel), dead-letter what the grains reject, and request repair of the
/// gaps Binance grains found. Throws if any step fails; calling again with the same <see cref="BatchWork"/> redoes
/// only the steps that did not complete. Returns a reason instead when a grain refused its share because it and the
/// consumer disagree on where the partition stands: the consumer must then re-read from the lakehouse's offsets.
/// </summary>
public sealed class BatchProcessor(
    IGrainFactory grains,
    IDeadLetterPublisher deadLetters,
    GapRequestPublisher gaps,
    IngestMetrics metrics,
    TimeProvider time,
    ILogger<BatchProcessor> logger)
{
    /// <summary>Dead-letter source of the silo: its topic is <c>k2.dlq.silo</c>.</summary>
    public const string DeadLetterSource = "silo";

    public const string DecodeStage = "decode";

    public const string ValidateStage = "validate";

    /// <summary>Only Binance can backfill a gap on request (historical trades endpoint); other venues have no repairer.</summary>
    private const string RepairableExchange = "BINANCE";

    internal async Task<string?> ProcessAsync(BatchWork work, CancellationToken cancellationToken)
    {
        foreach (var failure in work.DecodeFailures.Where(failure => !failure.DeadLettered))
        {
            await DeadLetterAsync(failure.Record, DecodeStage, failure.Error, cancellationToken);
            failure.DeadLettered = true;
        }

        // Grain calls are not cancelled: a call that reached the grain completes either way, and its result is kept.
        await Task.WhenAll(work.Symbols.Where(symbol => symbol.Result is null).Select(CallGrainAsync));
        if (work.Symbols.Select(symbol => symbol.Result!.ResyncReason).FirstOrDefault(reason => reason is not null) is { } resync)
        {
            return resync;
        }

        foreach (var symbol in work.Symbols)
        {
            await FollowUpAsync(symbol, symbol.Result!, cancellationToken);
        }

        return null;
    }

    private async Task CallGrainAsync(SymbolWork symbol)
    {
        symbol.Result = await symbol.IngestAsync(grains.GetGrain<ISymbolGrain>(symbol.Key.ToString()));
        metrics.GrainCalled();
    }

    private async Task FollowUpAsync(SymbolWork symbol, IngestResult result, CancellationToken cancellationToken)
    {
        if (!symbol.RejectionsDeadLettered)
        {
            foreach (var (rejection, record) in symbol.RejectedRecords(result.Rejections))
            {
                await DeadLetterAsync(record, ValidateStage, rejection.Reason, cancellationToken);
            }

            symbol.RejectionsDeadLettered = true;
        }

        if (!symbol.GapsPublished)
        {
            if (symbol.Key.Exchange == RepairableExchange)
            {
                foreach (var gap in result.NewGaps)
                {
                    await gaps.PublishAsync(new GapRepairRequest(symbol.Key.Exchange, symbol.Key.Symbol, gap.From, gap.To), cancellationToken);
                    IngestLog.GapRequested(logger, symbol.Key, gap.From, gap.To);
                }
            }

            symbol.GapsPublished = true;
        }
    }

    private async Task DeadLetterAsync(ConsumeResult<byte[]?, byte[]?> record, string stage, string error, CancellationToken cancellationToken)
    {
        var position = LogPosition.Of(record.TopicPartitionOffset);
        await deadLetters.PublishAsync(
            new DeadLetter(DeadLetterSource, stage, error, record.Message.Value ?? [], position, time.GetUtcNow())
            {
                Key = record.Message.Key ?? [],
            },
            cancellationToken);
        metrics.DeadLettered(stage);
        IngestLog.DeadLettered(logger, position, stage, error);
    }
}
