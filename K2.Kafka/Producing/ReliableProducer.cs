using System.Diagnostics.Metrics;
using Confluent.Kafka;
using K2.Kafka.Configuration;
using K2.Kafka.Diagnostics;
using K2.Kafka.Publishing;
using Microsoft.Extensions.Logging;

namespace K2.Kafka.Producing;

/// <summary>
/// One idempotent, acks=all librdkafka producer with the behaviour every K2 publisher needs:
/// <list type="bullet">
/// <item>back-pressure: a full local queue makes the caller wait (bounded, growing backoff) and retry, never drop;</item>
/// <item>every delivery report is checked: the first failure faults the producer, and the next send or flush throws;</item>
/// <item>records in flight are counted, so flush and close wait for exactly those acknowledgements.</item>
/// </list>
/// </summary>
internal sealed class ReliableProducer : IAsyncDisposable
{
    /// <summary>Under sustained pressure the queue-full warning repeats at most this often.</summary>
    private static readonly TimeSpan QueueFullLogInterval = TimeSpan.FromSeconds(10);

    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly KafkaProducerOptions _options;
    private readonly ILogger _logger;
    private readonly InFlightTracker _inFlight = new();
    private readonly QueueSpaceSignal _space = new();
    private readonly ProducerCounters _counters;
    private readonly Action<DeliveryReport<byte[]?, byte[]>> _onDelivery;
    private readonly string _clientId;
    private KafkaDeliveryException? _failure;
    private long _lastQueueFullLog;
    private int _disposed;

    public ReliableProducer(KafkaOptions options, string purpose, ILogger logger, IMeterFactory? meterFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = KafkaClientConfigs.Producer(options, purpose);
        _options = options.Producer;
        _logger = logger;
        _clientId = config.ClientId;
        _counters = new ProducerCounters(meterFactory, _clientId);
        _onDelivery = OnDelivery;
        _producer = new ProducerBuilder<byte[]?, byte[]>(config)
            .SetLogHandler((_, message) => KafkaLog.Librdkafka(_logger, message))
            .SetErrorHandler((_, error) => OnClientError(error))
            .Build();
    }

    public ProducerStatistics Statistics => _counters.Snapshot(_inFlight.Count);

    /// <summary>
    /// Hands the record to librdkafka; completes once it is queued (not yet acknowledged: see <see cref="FlushAsync"/>).
    /// Waits while the bounded queue is full.
    /// </summary>
    public ValueTask SendAsync(string topic, Message<byte[]?, byte[]> message, CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        cancellationToken.ThrowIfCancellationRequested();
        return TryProduce(topic, message, _onDelivery)
            ? ValueTask.CompletedTask
            : WaitForRoomAsync(topic, message, _onDelivery, cancellationToken);
    }

    /// <summary>Like <see cref="SendAsync"/> but completes only when the broker has acknowledged this record.</summary>
    public async ValueTask SendConfirmedAsync(
        string topic,
        Message<byte[]?, byte[]> message,
        CancellationToken cancellationToken)
    {
        var acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        void OnConfirmed(DeliveryReport<byte[]?, byte[]> report)
        {
            OnDelivery(report);
            if (report.Error.IsError)
            {
                acknowledged.TrySetException(new KafkaDeliveryException(report.Error, report.TopicPartition));
            }
            else
            {
                acknowledged.TrySetResult();
            }
        }

        ThrowIfUnusable();
        cancellationToken.ThrowIfCancellationRequested();
        if (!TryProduce(topic, message, OnConfirmed))
        {
            await WaitForRoomAsync(topic, message, OnConfirmed, cancellationToken);
        }

        await acknowledged.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Waits until every record sent so far is acknowledged; throws if any delivery failed.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        // Batches leave after linger.ms on their own; the delivery reports drive the count down.
        await _inFlight.WhenDrainedAsync(cancellationToken);
        ThrowIfFailed();
    }

    /// <summary>
    /// Refuses new records, waits (bounded by <c>CloseFlushTimeoutMs</c>) for those in flight, logs what was not
    /// acknowledged, and releases the client. Call <see cref="FlushAsync"/> first to observe failures as exceptions.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(_options.CloseFlushTimeoutMs)))
        {
            try
            {
                await _inFlight.WhenDrainedAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                KafkaLog.CloseTimedOut(_logger, _clientId, _inFlight.Count, _options.CloseFlushTimeoutMs);
            }
        }

        if (Volatile.Read(ref _failure) is { } failure)
        {
            KafkaLog.ClosedFaulted(_logger, _clientId, failure.Message);
        }

        _producer.Dispose();
    }

    private bool TryProduce(string topic, Message<byte[]?, byte[]> message, Action<DeliveryReport<byte[]?, byte[]>> onDelivery)
    {
        // Counted before Produce: the delivery report may arrive on librdkafka's thread before Produce returns.
        _inFlight.Add();
        try
        {
            _producer.Produce(topic, message, onDelivery);
            _counters.Produced();
            return true;
        }
        catch (ProduceException<byte[]?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
        {
            _inFlight.Remove();
            return false;
        }
        catch (ProduceException<byte[]?, byte[]> e)
        {
            // Rejected before queueing (e.g. too large): only this record fails; nothing behind it is affected.
            _inFlight.Remove();
            throw new KafkaDeliveryException(e.Error, new TopicPartition(topic, Partition.Any), e);
        }
        catch
        {
            _inFlight.Remove();
            throw;
        }
    }

    private async ValueTask WaitForRoomAsync(
        string topic,
        Message<byte[]?, byte[]> message,
        Action<DeliveryReport<byte[]?, byte[]>> onDelivery,
        CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(_options.QueueFullInitialBackoffMs);
        var maxBackoff = TimeSpan.FromMilliseconds(_options.QueueFullMaxBackoffMs);
        while (true)
        {
            var space = _space.Next();
            if (TryProduce(topic, message, onDelivery))
            {
                return;
            }

            _counters.QueueFullWait();
            LogQueueFull();
            // Woken by the next delivery report (which frees room); the growing timeout only bounds a wait in case
            // room appears without one, e.g. while librdkafka purges.
            await space.WaitAsync(backoff, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellationToken.ThrowIfCancellationRequested();
            ThrowIfUnusable();
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, maxBackoff.Ticks));
        }
    }

    private void OnDelivery(DeliveryReport<byte[]?, byte[]> report)
    {
        try
        {
            if (report.Error.IsError)
            {
                _counters.Failed();
                Fail(new KafkaDeliveryException(report.Error, report.TopicPartition));
            }
            else
            {
                _counters.Delivered();
            }
        }
        finally
        {
            _inFlight.Remove();
            _space.Pulse();
        }
    }

    private void OnClientError(Error error)
    {
        if (error.IsFatal)
        {
            KafkaLog.FatalError(_logger, _clientId, error.Reason);
            Fail(new KafkaDeliveryException(error, topicPartition: null));
        }
        else
        {
            KafkaLog.ClientError(_logger, _clientId, error.Reason);
        }
    }

    private void Fail(KafkaDeliveryException failure)
    {
        // The first failure is the one to report; later ones are usually its consequences.
        if (Interlocked.CompareExchange(ref _failure, failure, null) is null)
        {
            KafkaLog.DeliveryFailed(_logger, _clientId, failure.TopicPartition?.ToString() ?? "(client)", failure.Message);
        }
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ThrowIfFailed();
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new KafkaDeliveryException(
                $"The producer stopped after {_counters.FailedTotal} failed deliveries; the first: {failure.Message}",
                failure);
        }
    }

    private void LogQueueFull()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastQueueFullLog);
        if ((last == 0 || now - last >= (long)QueueFullLogInterval.TotalMilliseconds)
            && Interlocked.CompareExchange(ref _lastQueueFullLog, now, last) == last)
        {
            KafkaLog.QueueFull(
                _logger,
                _clientId,
                _options.QueueBufferingMaxMessages,
                _options.QueueBufferingMaxKbytes,
                Statistics.QueueFullWaits);
        }
    }
}
