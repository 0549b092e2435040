using System.Diagnostics;
using System.Globalization;
using K2.ChaosTests.Faults;
using K2.ChaosTests.Harness;
using K2.ChaosTests.Load;
using K2.ChaosTests.Reconciliation;
using K2.ChaosTests.Reporting;
using K2.ChaosTests.Scenarios;
using K2.Contracts.Grains;
using K2.Kafka.DeadLetters;
using K2.Testing.Binance;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace K2.ChaosTests.Feed;

/// <summary>
/// The feed-handler scenario end to end: the real feed handler (<c>K2.Ingestion</c>, Binance mode) as a process of its
/// own, streaming from a Binance market on the fake server while the feed faults repeat; then the market closes, the
/// feed reads its last frames, every gap is repaired and flushed, and every trade id the market made is reconciled
/// against the Iceberg table (two readers) and the symbol grains, and the bad frames against <c>k2.dlq.binance</c>.
/// </summary>
public static class FeedChaosRun
{
    private const string ParseStage = "parse";
    private const string GapRepairStage = "gap-repair";
    private const string DeadLetterSource = "binance";
    private const int DeadLetterListLimit = 1_000_000;

    private static readonly TimeSpan GrainPollInterval = TimeSpan.FromSeconds(2);

    public static async Task<ScenarioResult> ExecuteAsync(ChaosEnvironment environment, string scenario, int number, ITestOutputHelper output)
    {
        var seed = environment.Settings.Seed + number;
        var random = new Random(seed);
        var code = number.ToString(CultureInfo.InvariantCulture);
        ChaosSymbol[] symbols = [new("BINANCE", $"CHAOS{code}AUSDT"), new("BINANCE", $"CHAOS{code}BUSDT")];
        var log = new FaultLog(environment);
        var notes = new List<string>();
        await environment.EnsureSilosRunningAsync();
        var lettersBefore = await DeadLettersAsync(environment);

        await using var server = await FakeBinanceServer.StartAsync();
        await using var market = new BinanceMarket(
            server,
            [.. symbols.Select(symbol => symbol.Symbol)],
            environment.Settings.TradesPerSecond,
            FeedHandlerSettings.MaxMessageBytes + FeedHandlerSettings.OversizeMargin);
        await using var feed = environment.CreateService("feed-handler", "K2.Ingestion", FeedHandlerSettings.For(server, market.Symbols));
        var faults = new FeedFaultInjector(server, market, feed, log);
        feed.Start();
        await feed.WaitUntilReadyAsync();
        await market.OpenAsync(FeedFaultInjector.StepTimeout);
        var loadClock = Stopwatch.StartNew();
        Exception? faultFailure = null;
        try
        {
            do
            {
                foreach (var kind in FeedFaultInjector.Kinds.OrderBy(_ => random.Next()))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500 + (random.NextDouble() * 1500)));
                    await faults.InjectAsync(kind, random);
                }
            }
            while (loadClock.Elapsed < environment.Settings.Duration);
        }
        catch (Exception exception)
        {
            // Still close the market and reconcile: what the table holds is the finding either way.
            faultFailure = exception;
            notes.Add($"fault script failed: {exception.Message}");
        }

        if (!feed.IsRunning)
        {
            notes.Add($"{scenario}: the feed handler exited on its own (see {feed.LogPath}); restarted to drain");
            feed.Start();
            await feed.WaitUntilReadyAsync();
        }

        await faults.CloseMarketAsync();
        var loadSeconds = loadClock.Elapsed.TotalSeconds;
        var generated = market.Generated();
        // Counted now: with the market closed every connection goes stale and is replaced, which is no fault.
        var reconnects = server.Events.Count(e => e.Kind == FakeServerEventKind.ConnectionAccepted) - 1;
        await environment.CheckForUnexpectedExitsAsync(scenario);

        // Gap repair runs through k2.control.gaps and the feed handler after the live trades: wait for the grains to hold
        // every id up to the last one made with no gap open, then for everything to reach Iceberg.
        var drainClock = Stopwatch.StartNew();
        var grains = await WaitForGapsClosedAsync(environment, symbols, generated, notes);
        await ChaosRun.WaitForZeroLagAsync(environment, notes);
        var drainSeconds = drainClock.Elapsed.TotalSeconds;

        var table = await TableContents.ReadAsync(environment.Lakehouse, CancellationToken.None);
        grains = await GrainIntegrity.ReadAsync(environment, symbols);
        var reconciled = symbols
            .Select(symbol =>
            {
                var (first, last) = generated[symbol.Symbol];
                var ids = new List<string>();
                for (var id = first; id <= last; id++)
                {
                    ids.Add($"BINANCE-{id.ToString(CultureInfo.InvariantCulture)}");
                }

                return SymbolReconciliation.Of(symbol, ids, acknowledged: true, table, grains[symbol].Accepted);
            })
            .ToList();
        var letters = await DeadLettersAsync(environment);
        notes.AddRange(environment.UnexpectedExits.Where(exit => exit.StartsWith(scenario, StringComparison.Ordinal)));

        var feedFigures = new FeedFigures
        {
            TradesGenerated = generated.Values.Sum(range => range.Last - range.First + 1),
            RepairedByRest = symbols.Sum(symbol => table.BackfilledByK2Reader.GetValueOrDefault((symbol.Exchange, symbol.Symbol))),
            SkippedIds = market.SkippedIds,
            RestRequests = server.RestRequests.Count,
            BadFramesRead = faults.BadFramesRead,
            ParseDeadLetters = letters.Parse - lettersBefore.Parse,
            GapRepairDeadLetters = letters.GapRepair - lettersBefore.GapRepair,
            Reconnects = reconnects,
            FeedKills = faults.Kills,
            MissingAtEnd = grains.Values.Sum(summary => summary.MissingSequences + summary.OpenGaps.Count),
            WorstReconnectSeconds = faults.WorstReconnect is { } worst ? Math.Round(worst.TotalSeconds, 2) : null,
        };
        var result = ScenarioResult.Of(
            scenario,
            seed,
            loadSeconds,
            feedFigures.TradesGenerated,
            reconciled,
            log.Counts.ToDictionary(),
            feedFigures.WorstReconnectSeconds,
            drainSeconds,
            notes) with
        {
            Feed = feedFigures,
        };

        ChaosRun.Report(result, environment, output);
        if (faultFailure is not null)
        {
            throw new InvalidOperationException($"The fault script of {scenario} failed (seed {seed}).", faultFailure);
        }

        return result;
    }

    /// <summary>The feed's own pass conditions, on top of <see cref="ChaosRun.AssertNothingLostOrDoubled"/>.</summary>
    public static void AssertFeedFaultsHandled(ScenarioResult result)
    {
        var feed = result.Feed ?? throw new ArgumentException("not a feed scenario", nameof(result));
        var context = $"{result.Scenario} (seed {result.Seed}; see chaos-report.json)";
        Assert.True(feed.ParseDeadLetters == feed.BadFramesRead, $"{context}: {feed.BadFramesRead} malformed/oversized frames were read but {feed.ParseDeadLetters} parse dead letters are in k2.dlq.binance.");
        Assert.True(feed.MissingAtEnd == 0, $"{context}: the symbol grains still miss {feed.MissingAtEnd} sequence numbers / open gaps.");
        Assert.True(feed.RepairedByRest >= feed.SkippedIds, $"{context}: {feed.SkippedIds} ids were never streamed, but only {feed.RepairedByRest} rows came by gap repair.");
    }

    // Polls the symbol grains until each has accepted up to its last trade id with nothing missing; the last read is returned.
    private static async Task<IReadOnlyDictionary<ChaosSymbol, IntegritySummary>> WaitForGapsClosedAsync(
        ChaosEnvironment environment,
        IReadOnlyList<ChaosSymbol> symbols,
        IReadOnlyDictionary<string, (long First, long Last)> generated,
        List<string> notes)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var grains = await GrainIntegrity.ReadAsync(environment, symbols);
            var complete = symbols.All(symbol =>
                grains[symbol].LastSequence == generated[symbol.Symbol].Last
                && grains[symbol].MissingSequences == 0
                && grains[symbol].OpenGaps.Count == 0);
            if (complete)
            {
                return grains;
            }

            if (clock.Elapsed > environment.Settings.DrainTimeout)
            {
                notes.Add($"gaps still open after {environment.Settings.DrainTimeout.TotalSeconds:F0} s: " + string.Join("; ", symbols.Select(symbol =>
                    $"{symbol}: last {grains[symbol].LastSequence} of {generated[symbol.Symbol].Last}, {grains[symbol].MissingSequences} missing")));
                return grains;
            }

            await Task.Delay(GrainPollInterval);
        }
    }

    private static async Task<(int Parse, int GapRepair)> DeadLettersAsync(ChaosEnvironment environment)
    {
        var reader = new DeadLetterReader(Microsoft.Extensions.Options.Options.Create(environment.KafkaOptions), NullLogger<DeadLetterReader>.Instance);
        var letters = await reader.ListAsync(DeadLetterSource, DeadLetterListLimit, CancellationToken.None);
        return (letters.Count(l => l.Letter.Stage == ParseStage), letters.Count(l => l.Letter.Stage == GapRepairStage));
    }
}
