using System.Diagnostics;
using K2.ChaosTests.Faults;
using K2.ChaosTests.Harness;
using K2.ChaosTests.Load;
using K2.ChaosTests.Reconciliation;
using K2.ChaosTests.Reporting;
using Xunit.Abstractions;

namespace K2.ChaosTests.Scenarios;

/// <summary>
/// One scenario end to end: offer trades under load while the fault script runs, stop the load, wait until the
/// consumer group's lag is 0, then reconcile every offered trade against the Iceberg table (two readers) and the
/// symbol grains, report the figures, and assert zero lost, zero duplicated, grains agreeing with the table.
/// </summary>
public static class ChaosRun
{
    private static readonly TimeSpan LagPollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<ScenarioResult> ExecuteAsync(
        ChaosEnvironment environment,
        string scenario,
        int number,
        Func<FaultContext, Task> faults,
        ITestOutputHelper output)
    {
        var seed = environment.Settings.Seed + number;
        var symbols = ChaosSymbol.For(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var log = new FaultLog(environment);
        var notes = new List<string>();
        var exitsBefore = environment.UnexpectedExits.Count;
        await environment.EnsureSilosRunningAsync();

        await using var publisher = environment.CreatePublisher();
        await using var load = new LoadGenerator(publisher, symbols, environment.Settings.TradesPerSecond);
        var loadClock = Stopwatch.StartNew();
        load.Start();
        Exception? faultFailure = null;
        try
        {
            await faults(new FaultContext(environment, new Random(seed), log, notes));
        }
        catch (Exception exception)
        {
            // Still stop the load and reconcile: what the table holds is the finding either way.
            faultFailure = exception;
            notes.Add($"fault script failed: {exception.Message}");
        }

        var offered = await load.StopAsync();
        var loadSeconds = loadClock.Elapsed.TotalSeconds;
        if (offered.Failure is not null)
        {
            notes.Add($"publisher: {offered.Failure}");
        }

        await environment.CheckForUnexpectedExitsAsync(scenario);
        var drain = await WaitForZeroLagAsync(environment, notes);

        var table = await TableContents.ReadAsync(environment.Lakehouse, CancellationToken.None);
        var grains = await GrainIntegrity.ReadAsync(environment, symbols);
        var reconciled = symbols
            .Select(symbol => SymbolReconciliation.Of(symbol, offered.Attempted[symbol], offered.Acknowledged, table, grains[symbol].Accepted))
            .ToList();
        var worst = await log.WorstRecoveryAsync();
        notes.AddRange(environment.UnexpectedExits.Skip(exitsBefore));

        var result = ScenarioResult.Of(
            scenario,
            seed,
            loadSeconds,
            offered.TotalAttempted,
            reconciled,
            log.Counts.ToDictionary(),
            worst is { } w ? Math.Round(w.TotalSeconds, 2) : null,
            drain.TotalSeconds,
            notes) with
        {
            ProducerQueueFullWaits = offered.Producer.QueueFullWaits,
        };

        Report(result, environment, output);
        if (faultFailure is not null)
        {
            throw new InvalidOperationException($"The fault script of {scenario} failed (seed {seed}).", faultFailure);
        }

        return result;
    }

    /// <summary>Asserts the only pass: every acknowledged trade exactly once, nothing phantom, grains agree.</summary>
    public static void AssertNothingLostOrDoubled(ScenarioResult result)
    {
        var context = $"{result.Scenario} (seed {result.Seed}; see chaos-report.json)";
        Assert.True(result.Acknowledged == result.Offered, $"{context}: the broker did not acknowledge every offered trade ({result.Acknowledged} of {result.Offered}).");
        Assert.True(result.Losses == 0, $"{context}: {result.Losses} acknowledged trades are missing from the Iceberg table.");
        Assert.True(result.Duplicates == 0, $"{context}: {result.Duplicates} duplicate rows in the Iceberg table.");
        Assert.True(result.Phantoms == 0, $"{context}: {result.Phantoms} rows in the table were never offered.");
        Assert.True(result.InIcebergByK2Reader == result.Offered && result.InIcebergByDuckDb == result.Offered, $"{context}: the table holds {result.InIcebergByK2Reader} (K2 reader) / {result.InIcebergByDuckDb} (DuckDB) rows for {result.Offered} offered.");
        Assert.True(result.GrainsAgreeWithTable, $"{context}: a symbol grain's accepted count differs from its rows in the table.");
    }

    /// <summary>Adds the result to the run's report and prints the table, the per-symbol figures and the notes.</summary>
    public static void Report(ScenarioResult result, ChaosEnvironment environment, ITestOutputHelper output)
    {
        output.WriteLine(ChaosReport.Add(result, environment));
        foreach (var symbol in result.Symbols)
        {
            output.WriteLine(symbol.ToString());
        }

        if (result.Feed is { } feed)
        {
            output.WriteLine(feed.ToString());
        }

        foreach (var note in result.Notes)
        {
            output.WriteLine(note);
        }

        output.WriteLine($"run directory (process logs, warehouse): {environment.RunDirectory}; report: {ChaosReport.Directory}");
    }

    /// <summary>Waits (bounded by <see cref="ChaosSettings.DrainTimeout"/>) until everything published reached Iceberg.</summary>
    public static async Task<TimeSpan> WaitForZeroLagAsync(ChaosEnvironment environment, List<string> notes)
    {
        var clock = Stopwatch.StartNew();
        long lag = -1;
        while (clock.Elapsed < environment.Settings.DrainTimeout)
        {
            try
            {
                lag = environment.Lag();
                if (lag == 0)
                {
                    return clock.Elapsed;
                }
            }
            catch (Confluent.Kafka.KafkaException exception)
            {
                notes.Add($"lag probe failed once: {exception.Message}");
            }

            await Task.Delay(LagPollInterval);
        }

        notes.Add($"the consumer group's lag was still {lag} after {environment.Settings.DrainTimeout.TotalSeconds:F0} s");
        return clock.Elapsed;
    }
}
