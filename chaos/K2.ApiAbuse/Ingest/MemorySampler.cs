using System.Collections.Concurrent;
using System.Diagnostics;

namespace K2.ApiAbuse.Ingest;

/// <summary>
/// Samples the API process's and this process's resident memory every <paramref name="interval"/>, so each window
/// can report its peak. This process hosts the silo (the test cluster runs in-process) together with the producers
/// and pollers of the run, so its figure is an upper bound for the silo's.
/// </summary>
internal sealed class MemorySampler(Func<double> apiMiB, TimeSpan interval)
{
    private readonly ConcurrentQueue<(long At, double Api, double Silo)> _samples = new();

    public async Task RunAsync(CancellationToken stop)
    {
        using var ticks = new PeriodicTimer(interval);
        do
        {
            Sample();
        }
        while (await TickAsync(ticks, stop));
    }

    /// <summary>The highest sample of each process taken between the two <see cref="Stopwatch"/> timestamps.</summary>
    public (double Api, double Silo) PeakBetween(long from, long to)
    {
        var inWindow = _samples.Where(sample => sample.At >= from && sample.At <= to).ToList();
        return inWindow.Count == 0 ? (double.NaN, double.NaN) : (inWindow.Max(s => s.Api), inWindow.Max(s => s.Silo));
    }

    private void Sample()
    {
        double api;
        try
        {
            api = apiMiB();
        }
        catch (IOException)
        {
            api = double.NaN; // the API process is gone; its log says why
        }

        _samples.Enqueue((Stopwatch.GetTimestamp(), api, ResidentMemory.MiB(Environment.ProcessId)));
    }

    private static async Task<bool> TickAsync(PeriodicTimer ticks, CancellationToken stop)
    {
        try
        {
            return await ticks.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
