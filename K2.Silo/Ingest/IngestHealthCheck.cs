using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace K2.Silo.Ingest;

/// <summary>
/// Degraded, with the reason, while the consumer is held back (<see cref="IngestBackPressure"/>): data is late, not
/// lost, so the silo keeps serving and nothing restarts it. Healthy again by itself once the step succeeds.
/// </summary>
public sealed class IngestHealthCheck(IngestBackPressure backPressure, TimeProvider time) : IHealthCheck
{
    public const string Name = "ingest";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var reasons = new List<string>();
        var data = new Dictionary<string, object>();
        if (backPressure.Flush is { } flush)
        {
            reasons.Add(
                $"flushes to the lakehouse have failed for {Since(flush)} ({flush.Attempts} attempt(s)), last: {flush.LastError}; "
                + $"{backPressure.PausedPartitions} partition(s) paused, Kafka holds the backlog");
            data["flushFailingSince"] = flush.Since;
            data["pausedPartitions"] = backPressure.PausedPartitions;
        }

        if (backPressure.Batch is { } batch)
        {
            reasons.Add($"a poll batch has failed for {Since(batch)} ({batch.Attempts} attempt(s)), last: {batch.LastError}; it is retried, not skipped");
            data["batchFailingSince"] = batch.Since;
        }

        return Task.FromResult(reasons.Count == 0
            ? HealthCheckResult.Healthy("consuming")
            : HealthCheckResult.Degraded(string.Join("; ", reasons), data: data));
    }

    private string Since(IngestBackPressure.Stall stall) =>
        (time.GetUtcNow() - stall.Since).TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s";
}
