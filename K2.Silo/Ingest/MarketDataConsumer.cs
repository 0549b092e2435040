using Confluent.Kafka;
using K2.Kafka.Consuming;
using Microsoft.Extensions.Options;

namespace K2.Silo.Ingest;

/// <summary>
/// The silo's Kafka consumer: one per silo, one group across silos. Polls a batch, hands it to
/// <see cref="BatchProcessor"/> (retrying the same batch with capped exponential backoff until it succeeds, never
/// skipping it), and only then commits the next offset of each partition it still owns. A crash before the commit
/// means redelivery, which symbol grains recognise by offset and do not apply twice.
/// </summary>
public sealed class MarketDataConsumer(
    KafkaConsumerFactory consumers,
    BatchProcessor processor,
    SiloStartedSignal siloStarted,
    IngestMetrics metrics,
    IOptions<IngestOptions> options,
    ILogger<MarketDataConsumer> logger) : BackgroundService
{
    private readonly IngestOptions _options = options.Value;

    // librdkafka's Consume blocks; run the loop off the host's start-up thread.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() => RunAsync(stoppingToken), stoppingToken);

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        await siloStarted.WaitAsync(stoppingToken);
        var pending = new PendingBatch(_options, metrics);
        using var consumer = Build(pending);
        consumer.Subscribe(IngestTopics.Subscribed);
        IngestLog.Started(logger, _options.GroupId, IngestTopics.Subscribed);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> records;
                try
                {
                    records = pending.Fill(consumer, stoppingToken);
                }
                catch (ConsumeException exception) when (!exception.Error.IsFatal)
                {
                    // E.g. a topic not there yet; librdkafka keeps trying. Records polled so far stay pending.
                    IngestLog.ClientError(logger, exception.Error.Reason, false);
                    continue;
                }

                if (records.Count == 0)
                {
                    continue;
                }

                var work = BatchWork.Decode(records);
                await ProcessUntilDoneAsync(work, stoppingToken);
                Commit(consumer, work);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down with a batch in flight: it is not committed, so the partitions' next owner gets it again.
        }
        finally
        {
            // Leaves the group now, so the partitions move to another silo without waiting for a session timeout.
            consumer.Close();
            IngestLog.Stopped(logger);
        }
    }

    private IConsumer<byte[]?, byte[]?> Build(PendingBatch pending) =>
        consumers.CreateBuilder(_options.GroupId)
            .SetErrorHandler((_, error) => IngestLog.ClientError(logger, error.Reason, error.IsFatal))
            .SetPartitionsAssignedHandler((_, partitions) => IngestLog.Assigned(logger, partitions))
            .SetPartitionsRevokedHandler((_, partitions) => Release(pending, "revoked", partitions))
            .SetPartitionsLostHandler((_, partitions) => Release(pending, "lost", partitions))
            .Build();

    private void Release(PendingBatch pending, string kind, List<TopicPartitionOffset> partitions)
    {
        var dropped = pending.Drop(partitions.Select(partition => partition.TopicPartition));
        IngestLog.Revoked(logger, kind, partitions, dropped);
    }

    private async Task ProcessUntilDoneAsync(BatchWork work, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await processor.ProcessAsync(work, stoppingToken);
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                var delay = Backoff(attempt);
                metrics.BatchRetried();
                IngestLog.BatchFailed(logger, exception, work.Records.Count, attempt, delay);
                await Task.Delay(delay, stoppingToken);
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var doubled = _options.RetryInitialBackoff * Math.Pow(2, Math.Min(attempt - 1, 30));
        return doubled < _options.RetryMaxBackoff ? doubled : _options.RetryMaxBackoff;
    }

    private void Commit(IConsumer<byte[]?, byte[]?> consumer, BatchWork work)
    {
        // Rebalance callbacks run only inside Consume, so the assignment cannot change between this check and the
        // commit; if the broker has already moved a partition away, the commit fails and the new owner redelivers.
        var owned = consumer.Assignment.ToHashSet();
        var offsets = work.NextOffsets().Where(offset => owned.Contains(offset.TopicPartition)).ToList();
        if (offsets.Count == 0)
        {
            return;
        }

        try
        {
            foreach (var offset in offsets)
            {
                consumer.StoreOffset(offset);
            }

            consumer.Commit(offsets);
            metrics.BatchCommitted();
            IngestLog.Committed(logger, offsets);
        }
        catch (KafkaException exception)
        {
            IngestLog.CommitFailed(logger, exception, offsets);
        }
    }
}
