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

    public bool Passed => Losses == 0 && Duplicates == 0 && Phantoms == 0 && GrainsAgreeWithTable && Acknowledged == Offered && Feed?.Passed != false;
}
