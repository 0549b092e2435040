namespace K2.Silo.Persistence;

/// <summary>How <see cref="OrleansSchemaInstaller"/> applies the Orleans schema.</summary>
public sealed class OrleansSchemaOptions
{
    /// <summary>
    /// Silo lifecycle stage at which the schema is applied. It must come before
    /// <see cref="ServiceLifecycleStage.RuntimeGrainServices"/>, where membership first reads the tables.
    /// </summary>
    public int LifecycleStage { get; set; } = ServiceLifecycleStage.RuntimeStorageServices;

    /// <summary>
    /// Attempts in total before start-up fails. Only transient errors are retried (server still starting,
    /// connection refused, too many connections); a broken script fails at once.
    /// </summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Delay after the first failed attempt; it doubles after each further failure.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Upper bound of one retry delay. With the defaults all retries take about 28 s at most.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed for each script, including the wait for the advisory lock another silo may hold.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Key of the transaction-scoped advisory lock that serialises installers starting at the same time
    /// against one database. Any value works as long as every silo of a deployment uses the same one.
    /// </summary>
    public long AdvisoryLockKey { get; set; } = 0x4B32_4F52_4C45_414E; // "K2ORLEAN" in ASCII

    /// <summary>The delay before attempt <paramref name="failedAttempts"/> + 1.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var factor = Math.Pow(2, Math.Max(0, failedAttempts - 1));
        var delay = TimeSpan.FromTicks((long)Math.Min(FirstRetryDelay.Ticks * factor, MaxRetryDelay.Ticks));
        return delay;
    }
}
