using BenchmarkDotNet.Attributes;
using K2.Contracts.Model;
using K2.Silo.Integrity;

namespace K2.Benchmarks;

/// <summary>A symbol grain's classification work for one 1,000-trade batch (in order, no persistence).</summary>
[MemoryDiagnoser]
public class SequenceTrackerBenchmarks
{
    private const int BatchSize = 1_000;
    private Trade[] _batch = [];
    private long _nextId;
    private SequenceTracker _tracker;

    [GlobalSetup]
    public void Setup()
    {
        _tracker = new SequenceTracker(new SymbolIntegrityState(), new IntegrityOptions(), "BINANCE");
        _batch = [.. Enumerable.Range(1, BatchSize).Select(i => SampleTrades.Binance(i))];
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public long TrackBatch()
    {
        // Shift sequences so every iteration is a fresh, in-order batch rather than all duplicates.
        long accepted = 0;
        var now = DateTimeOffset.UtcNow;
        foreach (var trade in _batch)
        {
            var shifted = trade with { SourceSequence = ++_nextId, MessageId = Guid.NewGuid() };
            if (_tracker.Track(shifted, now, out _, out _) == TradeVerdict.Accepted)
            {
                accepted++;
            }
        }

        return accepted;
    }
}
