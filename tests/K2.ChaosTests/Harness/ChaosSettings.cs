using System.Globalization;

namespace K2.ChaosTests.Harness;

/// <summary>
/// How long and how hard the chaos scenarios run. Short mode (the default, what <c>./test.sh</c> runs) keeps the whole
/// suite within a few minutes; long mode is the same scenarios soaked for <see cref="DurationVariable"/> each.
/// </summary>
public sealed record ChaosSettings
{
    /// <summary>Load duration of each scenario, e.g. <c>K2_CHAOS_DURATION=00:30:00</c>; faults repeat while it lasts.</summary>
    public const string DurationVariable = "K2_CHAOS_DURATION";

    /// <summary>Seed of the random fault points; printed with every result so a failing run can be repeated.</summary>
    public const string SeedVariable = "K2_CHAOS_SEED";

    /// <summary>Offered trades per second across a scenario's symbols.</summary>
    public const string RateVariable = "K2_CHAOS_RATE";

    /// <summary>Where the JSON report goes; default <c>artifacts/chaos</c> under the repository root.</summary>
    public const string ReportDirectoryVariable = "K2_CHAOS_REPORT_DIR";

    private static readonly TimeSpan ShortDuration = TimeSpan.FromSeconds(15);

    public required TimeSpan Duration { get; init; }

    public required int Seed { get; init; }

    public required int TradesPerSecond { get; init; }

    public bool IsLongMode => Duration > ShortDuration;

    /// <summary>How long one injected outage (PostgreSQL, Kafka, warehouse) lasts.</summary>
    public TimeSpan OutageLength { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Healthy time between two outages of a scenario, so ingest must visibly recover before the next.</summary>
    public TimeSpan RecoveryWindow { get; } = TimeSpan.FromSeconds(3);

    /// <summary>Bound on draining the backlog after the load stops: a stuck pipeline fails, a slow one does not.</summary>
    public TimeSpan DrainTimeout { get; } = TimeSpan.FromMinutes(3);

    public static ChaosSettings FromEnvironment()
    {
        var duration = Environment.GetEnvironmentVariable(DurationVariable);
        var seed = Environment.GetEnvironmentVariable(SeedVariable);
        var rate = Environment.GetEnvironmentVariable(RateVariable);
        return new ChaosSettings
        {
            Duration = string.IsNullOrWhiteSpace(duration) ? ShortDuration : TimeSpan.Parse(duration, CultureInfo.InvariantCulture),
            Seed = string.IsNullOrWhiteSpace(seed) ? Random.Shared.Next() : int.Parse(seed, CultureInfo.InvariantCulture),
            TradesPerSecond = string.IsNullOrWhiteSpace(rate) ? 600 : int.Parse(rate, CultureInfo.InvariantCulture),
        };
    }
}
