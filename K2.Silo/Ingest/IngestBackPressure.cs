namespace K2.Silo.Ingest;

/// <summary>
/// What holds the consumer back right now: a poll batch whose grain calls keep failing (PostgreSQL down or slow, a
/// silo gone), or a flush the lakehouse keeps refusing (warehouse unwritable, catalog down), with its partitions
/// paused. Written by the consumer loop, read by <see cref="IngestHealthCheck"/> and the paused-partitions gauge.
/// Nothing is dropped in either state: the batch or buffer is retried, and Kafka holds everything behind it.
/// </summary>
public sealed class IngestBackPressure(IngestMetrics metrics, TimeProvider time)
{
    private Stall? _batch;
    private Stall? _flush;
    private int _pausedPartitions;

    /// <summary>The stall of the current poll batch, if its last attempt failed.</summary>
    public Stall? Batch => Volatile.Read(ref _batch);

    /// <summary>The stall of the current flush, if its last attempt failed.</summary>
    public Stall? Flush => Volatile.Read(ref _flush);

    public int PausedPartitions => Volatile.Read(ref _pausedPartitions);

    public void BatchFailed(Exception exception, int attempt) => Volatile.Write(ref _batch, Next(_batch, exception, attempt));

    public void BatchSucceeded()
    {
        // Once per batch on the hot path: a read, and a write only when recovering.
        if (Volatile.Read(ref _batch) is not null)
        {
            Volatile.Write(ref _batch, null);
        }
    }

    public void FlushFailed(Exception exception, int attempt, int pausedPartitions)
    {
        Volatile.Write(ref _flush, Next(_flush, exception, attempt));
        Volatile.Write(ref _pausedPartitions, pausedPartitions);
        metrics.PartitionsPaused(pausedPartitions);
    }

    /// <summary>The flush committed (or was abandoned for a re-read): partitions resumed.</summary>
    public void FlushEnded()
    {
        Volatile.Write(ref _flush, null);
        if (Volatile.Read(ref _pausedPartitions) != 0)
        {
            Volatile.Write(ref _pausedPartitions, 0);
            metrics.PartitionsPaused(0);
        }
    }

    private Stall Next(Stall? current, Exception exception, int attempt) =>
        new(current?.Since ?? time.GetUtcNow(), attempt, $"{exception.GetType().Name}: {exception.Message}");

    /// <summary>A step failing since <see cref="Since"/>, retried <see cref="Attempts"/> times so far.</summary>
    public sealed record Stall(DateTimeOffset Since, int Attempts, string LastError);
}
