using System.Diagnostics;

namespace K2.QueryBench;

/// <summary>
/// A closed-loop load generator: <c>concurrency</c> workers, each issuing its next request as soon as the previous one
/// answered, for the warm-up (not recorded) and then the measured duration. A request that fails or whose answer is
/// implausible counts as an error (the first few are kept for the report), never as a latency sample.
/// </summary>
internal static class ClosedLoop
{
    private const int KeptErrorMessages = 3;

    public static async Task<LoopResult> RunAsync(IQueryTarget target, QueryKind kind, QueryBenchOptions options, TableFacts facts)
    {
        var errors = new List<string>();
        var errorCount = 0;
        var samples = new List<double>[options.Concurrency];
        var warmEnds = Stopwatch.GetTimestamp() + (long)(options.WarmUp.TotalSeconds * Stopwatch.Frequency);
        var measuredEnds = warmEnds + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);

        async Task WorkerAsync(int worker)
        {
            var mix = new RequestMix(options.Symbols, options.Seed + 1 + worker, facts);
            var mine = samples[worker] = [];
            while (true)
            {
                var started = Stopwatch.GetTimestamp();
                if (started >= measuredEnds)
                {
                    return;
                }

                var draw = mix.Next(kind);
                string? error;
                try
                {
                    error = (await target.AnswerAsync(draw, worker, CancellationToken.None)).Implausibility(draw);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    error = $"{exception.GetType().Name}: {exception.Message}";
                }

                // A request counts if it ends after the warm-up: one slower than the whole window still gives a sample.
                var elapsed = Stopwatch.GetElapsedTime(started);
                if (started + (long)(elapsed.TotalSeconds * Stopwatch.Frequency) < warmEnds)
                {
                    continue;
                }

                if (error is null)
                {
                    mine.Add(elapsed.TotalMilliseconds);
                    continue;
                }

                lock (errors)
                {
                    errorCount++;
                    if (errors.Count < KeptErrorMessages)
                    {
                        errors.Add($"{draw.Kind} {string.Join(",", draw.Symbols)} {draw.From:O}: {error}");
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(worker => Task.Run(() => WorkerAsync(worker))));
        return new LoopResult(target.Name, kind, LatencySummary.Of([.. samples.SelectMany(s => s)], options.Duration), errorCount, errors);
    }
}

internal sealed record LoopResult(string Target, QueryKind Kind, LatencySummary Latency, int Errors, IReadOnlyList<string> ErrorSamples);

/// <summary>Percentiles (nearest rank) of the successful requests' latencies in milliseconds, and their rate.</summary>
internal sealed record LatencySummary(int Requests, double PerSecond, double P50, double P90, double P99, double Max)
{
    public static LatencySummary Of(double[] milliseconds, TimeSpan duration)
    {
        if (milliseconds.Length == 0)
        {
            return new LatencySummary(0, 0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        Array.Sort(milliseconds);
        double Rank(double p) => milliseconds[Math.Clamp((int)Math.Ceiling(p * milliseconds.Length) - 1, 0, milliseconds.Length - 1)];
        return new LatencySummary(milliseconds.Length, milliseconds.Length / duration.TotalSeconds, Rank(0.50), Rank(0.90), Rank(0.99), milliseconds[^1]);
    }
}
