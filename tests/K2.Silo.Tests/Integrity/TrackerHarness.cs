using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Silo.Integrity;

namespace K2.Silo.Tests.Integrity;

/// <summary>Drives a <see cref="SequenceTracker"/> the way a symbol grain does, recording each verdict.</summary>
internal sealed class TrackerHarness
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
    private SequenceTracker _tracker;

    public TrackerHarness(IntegrityOptions? options = null, string exchange = "BINANCE")
    {
        Options = options ?? new IntegrityOptions();
        _tracker = new SequenceTracker(State, Options, exchange);
    }

    public IntegrityOptions Options { get; }

    public SymbolIntegrityState State { get; } = new();

    // By reference, as the grain holds it: the tracker is a struct whose calls change it.
    public ref SequenceTracker Tracker => ref _tracker;

    public List<SequenceGap> NewGaps { get; } = [];

    public List<long> PlatformSequences { get; } = [];

    public IntegritySummary Summary => State.ToSummary(new SymbolKey("BINANCE", "BTCUSDT"));

    public TradeVerdict Offer(Trade trade)
    {
        var verdict = Tracker.Track(trade, Now, out var platformSequence, out var gap);
        if (gap is not null)
        {
            NewGaps.Add(gap);
        }

        if (platformSequence > 0)
        {
            PlatformSequences.Add(platformSequence);
        }

        return verdict;
    }

    public TradeVerdict[] OfferSequences(params long[] sequences) =>
        [.. sequences.Select(sequence => Offer(K2.Testing.Trades.Binance(sequence)))];

    public (long From, long To)[] OpenGaps => [.. State.OpenGaps.Select(gap => (gap.From, gap.To))];
}
