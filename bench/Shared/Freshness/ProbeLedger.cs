using System.Collections.Concurrent;
using System.Diagnostics;

namespace K2.Bench.Freshness;

/// <summary>
/// Every probe trade's publish time and Kafka position, and when each became visible at each place it is looked for.
/// Probe ids run 1..n in publish order and one symbol's trades are accepted in order, so "newest visible id" means
/// every lower id is visible too.
/// </summary>
internal sealed class ProbeLedger
{
    private readonly ConcurrentDictionary<long, long> _published = new();
    private readonly ConcurrentDictionary<long, (int Partition, long Offset)> _positions = new();

    public long Published => _published.Count;

    /// <summary>The newest probe id published so far (ids are 1..n in publish order); 0 before the first.</summary>
    public long NewestId => _published.Count;

    /// <summary>In the symbol grain's hot window, asked directly over Orleans (no HTTP, no API).</summary>
    public Visibility Grain { get; } = new();

    /// <summary>Returned by the API's <c>GET /v1/trades</c>.</summary>
    public Visibility Api { get; } = new();

    /// <summary>Covered by the trades table's current snapshot.</summary>
    public Visibility Committed { get; } = new();

    public bool AllSeen => Grain.Count >= Published && Api.Count >= Published && Committed.Count >= Published;

    public void MarkPublished(long id, long timestamp) => _published[id] = timestamp;

    public void MarkPosition(long id, int partition, long offset) => _positions[id] = (partition, offset);

    /// <summary>Probes up to <paramref name="newestId"/> are visible in <paramref name="where"/> as of <paramref name="seenAt"/>.</summary>
    public void MarkThrough(Visibility where, long newestId, long seenAt)
    {
        for (var id = newestId; id >= 1 && !where.Has(id); id--)
        {
            if (_published.TryGetValue(id, out var publishedAt))
            {
                where.Mark(id, publishedAt, seenAt);
            }
        }
    }

    /// <summary>Probes whose offset is below the committed next offset of their partition are in the table as of <paramref name="seenAt"/>.</summary>
    public void MarkCommitted(IReadOnlyDictionary<int, long> nextOffsets, long seenAt)
    {
        foreach (var (id, position) in _positions)
        {
            if (!Committed.Has(id)
                && nextOffsets.TryGetValue(position.Partition, out var next)
                && position.Offset < next
                && _published.TryGetValue(id, out var publishedAt))
            {
                Committed.Mark(id, publishedAt, seenAt);
            }
        }
    }

    /// <summary>Produce-to-visible latencies at one place, in milliseconds, by probe id.</summary>
    internal sealed class Visibility
    {
        private readonly ConcurrentDictionary<long, double> _latencies = new();

        public int Count => _latencies.Count;

        public IReadOnlyCollection<double> Latencies => [.. _latencies.Values];

        /// <summary>The latencies of probes <paramref name="firstId"/>..<paramref name="lastId"/> (e.g. those published in one window).</summary>
        public IReadOnlyCollection<double> LatenciesOf(long firstId, long lastId) =>
            [.. _latencies.Where(entry => entry.Key >= firstId && entry.Key <= lastId).Select(entry => entry.Value)];

        public bool Has(long id) => _latencies.ContainsKey(id);

        public void Mark(long id, long publishedAt, long seenAt) =>
            _latencies.TryAdd(id, Stopwatch.GetElapsedTime(publishedAt, seenAt).TotalMilliseconds);
    }
}
