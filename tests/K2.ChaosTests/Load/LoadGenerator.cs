using System.Diagnostics;
using K2.Kafka.Diagnostics;
using K2.Kafka.Publishing;

namespace K2.ChaosTests.Load;

/// <summary>
/// Offers synthetic trades with known ids at a steady rate through K2's real publisher (the feed handlers' path:
/// idempotent producer, acks=all, bounded queue that makes a publish wait when full). One round publishes the next
/// trade of every symbol; a trade counts as attempted once the publisher has queued it, and as acknowledged once the
/// final flush confirmed everything queued.
/// </summary>
public sealed class LoadGenerator : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan FinalFlushTimeout = TimeSpan.FromMinutes(3);

    private readonly KafkaMarketDataPublisher _publisher;
    private readonly IReadOnlyList<ChaosSymbol> _symbols;
    private readonly double _roundsPerSecond;
    private readonly CancellationTokenSource _stop = new();
    private readonly long[] _attempted;
    private Task? _run;

    public LoadGenerator(KafkaMarketDataPublisher publisher, IReadOnlyList<ChaosSymbol> symbols, int tradesPerSecond)
    {
        _publisher = publisher;
        _symbols = symbols;
        _roundsPerSecond = Math.Max(1.0, tradesPerSecond / (double)symbols.Count);
        _attempted = new long[symbols.Count];
    }

    public void Start() => _run = Task.Run(RunAsync);

    /// <summary>Stops offering, waits for every queued trade to be acknowledged, and returns the tally.</summary>
    public async Task<LoadResult> StopAsync()
    {
        await _stop.CancelAsync();
        Exception? failure = null;
        try
        {
            await _run!;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            failure = exception;
        }

        var acknowledged = false;
        try
        {
            using var timeout = new CancellationTokenSource(FinalFlushTimeout);
            await _publisher.FlushAsync(timeout.Token);
            acknowledged = failure is null;
        }
        catch (Exception exception)
        {
            failure ??= exception;
        }

        var attempted = _symbols.Select((symbol, i) => KeyValuePair.Create(symbol, Volatile.Read(ref _attempted[i]))).ToDictionary();
        return new LoadResult(attempted, acknowledged, _publisher.Statistics, failure?.Message);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var clock = Stopwatch.StartNew();
        long rounds = 0;
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var due = (long)(clock.Elapsed.TotalSeconds * _roundsPerSecond);
                for (; rounds < due; rounds++)
                {
                    for (var i = 0; i < _symbols.Count; i++)
                    {
                        // Waits while the bounded queue is full (a broker outage): back-pressure, never a drop.
                        await _publisher.PublishTradeAsync(_symbols[i].Trade(rounds + 1), _stop.Token);
                        Volatile.Write(ref _attempted[i], rounds + 1);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped; a publish cancelled while waiting for queue space was never queued and is not counted.
        }
    }
}

/// <summary>
/// What the load generator offered: trades 1..n of each symbol were queued (attempted); when
/// <see cref="Acknowledged"/>, the broker confirmed all of them.
/// </summary>
public sealed record LoadResult(
    IReadOnlyDictionary<ChaosSymbol, long> Attempted,
    bool Acknowledged,
    ProducerStatistics Producer,
    string? Failure)
{
    public long TotalAttempted => Attempted.Values.Sum();
}
