using System.Diagnostics;
using K2.ChaosTests.Harness;

namespace K2.ChaosTests.Faults;

/// <summary>What a scenario's fault script works with while the load runs: the system, a seeded random, the log.</summary>
public sealed class FaultContext(ChaosEnvironment environment, Random random, FaultLog log, List<string> notes)
{
    private static readonly TimeSpan CommitWaitLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CommitPollInterval = TimeSpan.FromMilliseconds(5);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _loadEnds = new(environment.Settings.Duration);

    public ChaosEnvironment Environment { get; } = environment;

    public Random Random { get; } = random;

    public FaultLog Log { get; } = log;

    public List<string> Notes { get; } = notes;

    /// <summary>True while the scenario's load duration has not elapsed; fault cycles repeat while it holds.</summary>
    public bool KeepGoing => _clock.Elapsed < Environment.Settings.Duration;

    /// <summary>Cancelled when the load duration is over, for fault loops whose steps may take long (maintenance).</summary>
    public CancellationToken LoadEnds => _loadEnds.Token;

    /// <summary>Waits a random time between the two bounds: where in the stream the next fault lands.</summary>
    public Task PauseAsync(TimeSpan min, TimeSpan max) =>
        Task.Delay(min + TimeSpan.FromMilliseconds(Random.NextDouble() * (max - min).TotalMilliseconds));

    public ServiceProcess PickSilo() => Environment.Silos[Random.Next(Environment.Silos.Count)];

    /// <summary>
    /// Healthy for <see cref="ChaosSettings.RecoveryWindow"/>, then <paramref name="begin"/> an outage of
    /// <see cref="ChaosSettings.OutageLength"/> and <paramref name="end"/> it (always, even if the wait fails); repeated
    /// while the load lasts, at least once. Silos that died on their own meanwhile are recorded and restarted.
    /// </summary>
    public async Task RepeatOutagesAsync(string kind, Func<Task> begin, Func<Task> end)
    {
        do
        {
            await Task.Delay(Environment.Settings.RecoveryWindow);
            await begin();
            try
            {
                await Task.Delay(Environment.Settings.OutageLength);
            }
            finally
            {
                await end();
            }

            Log.Ended(kind);
            await Environment.CheckForUnexpectedExitsAsync(kind);
        }
        while (KeepGoing);
    }

    /// <summary>
    /// Returns as soon as the trades table's catalog pointer moves (an Iceberg commit just happened): a kill now
    /// lands between the Iceberg commit and the consumer's Kafka offset commit that follows it.
    /// </summary>
    public async Task WaitForIcebergCommitAsync()
    {
        var before = await Environment.TradesMetadataLocationAsync();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < CommitWaitLimit)
        {
            if (await Environment.TradesMetadataLocationAsync() != before)
            {
                return;
            }

            await Task.Delay(CommitPollInterval);
        }

        Notes.Add($"no Iceberg commit within {CommitWaitLimit.TotalSeconds:F0} s to time a kill on; killed anyway");
    }
}
