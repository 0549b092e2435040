using K2.ChaosTests.Reconciliation;

namespace K2.ChaosTests.Reporting;

/// <summary>One scenario's figures, as written to the JSON report and the printed table.</summary>
public sealed record ScenarioResult
{
    public required string Scenario { get; init; }

    public required int Seed { get; init; }

    public required double LoadSeconds { get; init; }

    public required long Offered { get; init; }

    public required long Acknowledged { get; init; }

    public required long InIcebergByK2Reader { get; init; }

    public required long InIcebergByDuckDb { get; init; }

    public required long Duplicates { get; init; }

    public required long Losses { get; init; }

    public required long Phantoms { get; init; }

    public required bool GrainsAgreeWithTable { get; init; }

    public required IReadOnlyDictionary<string, int> FaultsInjected { get; init; }

    /// <summary>Slowest time from a fault's end until ingest progressed again (null: no fault needed a recovery).</summary>
    public required double? WorstRecoverySeconds { get; init; }

    /// <summary>From the load stopping until the consumer group's lag was back to 0.</summary>
    public required double DrainSeconds { get; init; }

    /// <summary>Times the load generator waited on the publisher's full bounded queue (back-pressure).</summary>
    public required long ProducerQueueFullWaits { get; init; }

    public required IReadOnlyList<SymbolReconciliation> Symbols { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>The feed-handler scenario's figures; null for the scenarios that publish through the load generator.</summary>
    public FeedFigures? Feed { get; init; }

    /// <summary>
    /// A result whose table figures are the sums over <paramref name="symbols"/>; the caller adds what is particular to
    /// its scenario (<see cref="ProducerQueueFullWaits"/>, <see cref="Feed"/>) with <c>with</c>.
    /// </summary>
    public static ScenarioResult Of(
        string scenario,
        int seed,
        double loadSeconds,
        long offered,
        IReadOnlyList<SymbolReconciliation> symbols,
        IReadOnlyDictionary<string, int> faults,
        double? worstRecoverySeconds,
        double drainSeconds,
        IReadOnlyList<string> notes) => new()
        {
            Scenario = scenario,
            Seed = seed,
            LoadSeconds = Math.Round(loadSeconds, 1),
            Offered = offered,
            Acknowledged = symbols.Sum(r => r.Acknowledged),
            InIcebergByK2Reader = symbols.Sum(r => r.RowsByK2Reader),
            InIcebergByDuckDb = symbols.Sum(r => r.RowsByDuckDb),
            Duplicates = symbols.Sum(r => Math.Max(r.DuplicatesByK2Reader, r.DuplicatesByDuckDb)),
            Losses = symbols.Sum(r => r.Lost),
            Phantoms = symbols.Sum(r => r.Phantoms),
            GrainsAgreeWithTable = symbols.All(r => r.GrainAgreesWithTable),
            FaultsInjected = faults,
            WorstRecoverySeconds = worstRecoverySeconds,
            DrainSeconds = Math.Round(drainSeconds, 1),
            ProducerQueueFullWaits = 0,
            Symbols = symbols,
            Notes = notes,
        };

    public bool Passed => Losses == 0 && Duplicates == 0 && Phantoms == 0 && GrainsAgreeWithTable && Acknowledged == Offered && Feed?.Passed != false;
}
