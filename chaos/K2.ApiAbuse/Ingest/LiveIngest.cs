using System.Diagnostics;
using Confluent.Kafka;
using K2.Bench.Freshness;
using K2.IngestBench;

namespace K2.ApiAbuse.Ingest;

/// <summary>
/// The live feed behind the attacked API, measured as the ingest benchmark measures freshness: a steady producer
/// through K2's publisher over a few Zipf-skewed symbols, a probe symbol with one trade per probe interval, and
/// pollers that note when each probe is in its grain (direct Orleans call), through the API (with a key of its own)
/// and in a committed Iceberg snapshot. <see cref="MarkAsync"/> bounds the windows the figures are reported for.
/// </summary>
internal sealed class LiveIngest : IAsyncDisposable
{
    private readonly AbuseBackend _backend;
    private readonly AbuseRunOptions _run;
    private readonly ProbeLedger _ledger = new();
    private readonly SkewedFlow _flow;
    private readonly SteadyProducer _producer;
    private readonly ProbeProducer _probes;
    private readonly CommittedPoller _committed;
    private readonly HotPoller _api;
    private readonly GrainPoller _grain;
    private readonly MemorySampler _memory;
    private readonly CancellationTokenSource _feedStop = new();
    private readonly CancellationTokenSource _pollStop = new();
    private IConsumer<byte[]?, byte[]?>? _positions;
    private Task[] _feed = [];
    private Task[] _polling = [];

    public LiveIngest(AbuseBackend backend, AbuseRunOptions run, ApiProcess api, string apiKey)
    {
        _backend = backend;
        _run = run;
        _flow = new SkewedFlow(run.IngestSymbols);
        _producer = new SteadyProducer(backend.Kafka, sent => _flow.Next((int)sent), run.IngestRate);
        _probes = new ProbeProducer(backend.Kafka, _ledger, run.ProbeInterval);
        _committed = new CommittedPoller(backend.Kafka, backend.Kafka.Topics.BinanceTradePartitions, backend.CommittedNextOffsetsAsync, _ledger, run.CommittedPollInterval);
        _api = new HotPoller(api.Address, _ledger, run.ApiProbePause, apiKey);
        _grain = new GrainPoller(backend.Grains, _ledger, run.GrainProbePause);
        _memory = new MemorySampler(api.ResidentMiB, run.MemorySampleInterval);
    }

    public ProbeLedger Ledger => _ledger;

    /// <summary>API freshness polls that got no 200 (a timeout, a 504, a 429).</summary>
    public int FailedApiPolls => _api.FailedPolls;

    /// <summary>Trades produced so far: the load and the probes.</summary>
    public long Produced => _producer.Sent + _ledger.Published;

    public void Start()
    {
        // Assigned at the partitions' current ends before the first probe, so every probe's position is seen.
        var positions = _committed.OpenPositionConsumer();
        _positions = positions;
        _polling =
        [
            Task.Factory.StartNew(() => _committed.TrackPositions(positions, _pollStop.Token), TaskCreationOptions.LongRunning),
            Task.Run(() => _api.RunAsync(_pollStop.Token)),
            Task.Run(() => _grain.RunAsync(_pollStop.Token)),
            Task.Run(() => _committed.RunAsync(_pollStop.Token)),
            Task.Run(() => _memory.RunAsync(_pollStop.Token)),
        ];
        _feed = [Task.Run(() => _producer.RunAsync(_feedStop.Token)), Task.Run(() => _probes.RunAsync(_feedStop.Token))];
    }

    /// <summary>Waits until the first probe is in a committed snapshot: the consumer and the flush are running.</summary>
    public async Task<bool> WarmUpAsync()
    {
        var clock = Stopwatch.StartNew();
        while (_ledger.Committed.Count == 0 && clock.Elapsed < _run.SettleTimeout)
        {
            await Task.Delay(_run.CommittedPollInterval);
        }

        return _ledger.Committed.Count > 0;
    }

    public async Task<WindowMark> MarkAsync() => new(Stopwatch.GetTimestamp(), _ledger.NewestId, await _backend.TotalRecordsAsync(), Produced);

    /// <summary>The window between two marks; freshness is that of the probes published inside it.</summary>
    public WindowFigures Figures(string name, WindowMark from, WindowMark to)
    {
        var (firstProbe, lastProbe) = (from.NewestProbe + 1, to.NewestProbe);
        var (apiPeak, siloPeak) = _memory.PeakBetween(from.At, to.At);
        return new WindowFigures(
            name,
            Stopwatch.GetElapsedTime(from.At, to.At),
            to.Produced - from.Produced,
            to.TableRows - from.TableRows,
            LatencySummary.Of(_ledger.Grain.LatenciesOf(firstProbe, lastProbe)),
            LatencySummary.Of(_ledger.Api.LatenciesOf(firstProbe, lastProbe)),
            LatencySummary.Of(_ledger.Committed.LatenciesOf(firstProbe, lastProbe)),
            apiPeak,
            siloPeak);
    }

    /// <summary>
    /// Stops the feed (flushing both producers), then waits until every probe has been seen everywhere and the table
    /// holds <paramref name="seededRows"/> plus every produced trade, or <see cref="AbuseRunOptions.SettleTimeout"/>
    /// passes; then stops the pollers. True when everything arrived in time.
    /// </summary>
    public async Task<bool> StopAndSettleAsync(long seededRows)
    {
        await _feedStop.CancelAsync();
        await Task.WhenAll(_feed);
        var expected = seededRows + Produced;
        var clock = Stopwatch.StartNew();
        while (!await SettledAsync(expected) && clock.Elapsed < _run.SettleTimeout)
        {
            await Task.Delay(_run.CommittedPollInterval);
        }

        var settled = await SettledAsync(expected);
        await _pollStop.CancelAsync();
        await Task.WhenAll(_polling);
        _positions?.Close();
        return settled;
    }

    /// <summary>Trades produced per symbol, the probe symbol included: what the table must hold exactly once.</summary>
    public IReadOnlyDictionary<string, long> ProducedPerSymbol()
    {
        var produced = _flow.Symbols
            .Select((symbol, i) => (Symbol: symbol, Count: _flow.TradesPerSymbol[i]))
            .Where(s => s.Count > 0)
            .ToDictionary(s => s.Symbol, s => s.Count);
        produced[ProbeTrades.Symbol] = _ledger.Published;
        return produced;
    }

    private async Task<bool> SettledAsync(long expectedRows) => _ledger.AllSeen && await _backend.TotalRecordsAsync() >= expectedRows;

    public async ValueTask DisposeAsync()
    {
        await _feedStop.CancelAsync();
        await _pollStop.CancelAsync();
        try
        {
            await Task.WhenAll(_feed.Concat(_polling));
        }
        catch (Exception)
        {
            // Disposing after a failed run: the failure has already been reported where it happened.
        }

        _positions?.Dispose();
        _feedStop.Dispose();
        _pollStop.Dispose();
    }
}
