using System.Globalization;

namespace K2.IngestBench.Freshness;

/// <summary>
/// How busy the machine's CPUs were while the freshness load ran, from Linux's <c>/proc/stat</c> every
/// <see cref="Interval"/>: on two cores that host the broker, producer, silo, PostgreSQL and the API, a latency tail
/// can be the work itself waiting for a core. Reports nothing where <c>/proc/stat</c> does not exist.
/// </summary>
internal sealed class MachineCpuSampler : IDisposable
{
    private const string ProcStat = "/proc/stat";
    private const double SaturatedShare = 0.95;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<double> _busyShares = [];
    private readonly Thread? _thread;

    public MachineCpuSampler()
    {
        if (File.Exists(ProcStat))
        {
            _thread = new Thread(Sample) { IsBackground = true, Name = "bench-cpu-sampler" };
            _thread.Start();
        }
    }

    /// <summary>Mean share of CPU time busy, and the share of intervals at least 95 % busy; null without /proc/stat.</summary>
    public (double MeanBusy, double SaturatedIntervals, int Intervals)? Summary()
    {
        _stop.Cancel();
        _thread?.Join();
        return _busyShares.Count == 0
            ? null
            : (_busyShares.Average(), _busyShares.Count(share => share >= SaturatedShare) / (double)_busyShares.Count, _busyShares.Count);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread?.Join();
        _stop.Dispose();
    }

    private void Sample()
    {
        var (busy, total) = Read();
        while (!_stop.Token.WaitHandle.WaitOne(Interval))
        {
            var (nextBusy, nextTotal) = Read();
            if (nextTotal > total)
            {
                _busyShares.Add((nextBusy - busy) / (double)(nextTotal - total));
            }

            (busy, total) = (nextBusy, nextTotal);
        }
    }

    /// <summary>Busy and total jiffies over all CPUs (the first line: user nice system idle iowait irq softirq steal).</summary>
    private static (long Busy, long Total) Read()
    {
        var fields = File.ReadLines(ProcStat).First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var jiffies = fields.Skip(1).Take(8).Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        var idle = jiffies[3] + jiffies[4];
        var total = jiffies.Sum();
        return (total - idle, total);
    }
}
