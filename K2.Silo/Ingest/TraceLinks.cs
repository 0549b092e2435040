using System.Diagnostics;

namespace K2.Silo.Ingest;

/// <summary>Distinct span contexts to link a span to, at most <see cref="IngestTracing.MaxLinks"/> (the first ones).</summary>
internal sealed class TraceLinks
{
    private readonly HashSet<ActivitySpanId> _seen = [];
    private readonly List<ActivityLink> _links = [];

    public IReadOnlyList<ActivityLink> Links => _links;

    public void Add(ActivityContext context)
    {
        if (context == default || _links.Count >= IngestTracing.MaxLinks || !_seen.Add(context.SpanId))
        {
            return;
        }

        _links.Add(new ActivityLink(context));
    }

    public void Clear()
    {
        _seen.Clear();
        _links.Clear();
    }
}
